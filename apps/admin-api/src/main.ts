import 'reflect-metadata';
import { loadConfig } from '@ledger/application';
import { createAdminApi } from './app.factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createAdminApi({ config });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  console.log(`Enrolment ledger admin API on ${url} (docs: ${url}/docs), data in ${config.dataDir}`);
  if (config.generatedDevKeys.length > 0) {
    console.log('LEDGER_API_KEYS is not set: development keys for this run (Authorization: Bearer <key>):');
    for (const { role, key } of config.generatedDevKeys) console.log(`  ${role.padEnd(10)} ${key}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
