import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type LedgerConfig } from '@ledger/application';
import { createAdminApi } from './app.factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createAdminApi({ config });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await closeQuietly(app);
    throw new Error(listenFailure(error, config), { cause: error });
  }
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  console.log(
    `Enrolment ledger admin API on ${url}${config.docs ? ` (docs: ${url}/docs)` : ''}, data in ${config.dataDir}, pid ${process.pid}`,
  );
  if (config.generatedDevKeys.length > 0) {
    console.log(
      `LEDGER_API_KEYS is not set: development keys, kept in ${config.dataDir} across restarts (Authorization: Bearer <key>):`,
    );
    for (const { role, key } of config.generatedDevKeys) console.log(`  ${role.padEnd(10)} ${key}`);
  }
}

/** The port and what to do, not a stack: an operator reads this line in a supervisor's log. */
function listenFailure(error: unknown, config: LedgerConfig): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `port ${config.port} on ${config.host}`;
  if (code === 'EADDRINUSE') return `${where} is already in use by another process: stop it or set PORT`;
  if (code === 'EACCES') return `not allowed to listen on ${where}: use a port above 1023 or set PORT`;
  if (code === 'EADDRNOTAVAIL') return `${config.host} is not an address of this machine: set HOST`;
  return `cannot listen on ${where}: ${error instanceof Error ? error.message : String(error)}`;
}

async function closeQuietly(app: NestFastifyApplication): Promise<void> {
  try {
    await app.close();
  } catch {
    /* the start-up failure is what gets reported */
  }
}

main().catch((error: unknown) => {
  console.error(`The enrolment ledger did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
