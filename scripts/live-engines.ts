/**
 * Starts EventStoreDB (KurrentDB) and MongoDB with Testcontainers, runs a command against them
 * with EVENTSTORE_URL and MONGODB_URL set, and stops them again (scripts/test-live.sh).
 *
 *   npx tsx scripts/live-engines.ts -- npx jest --ci test/contract
 *
 * The EventStoreDB container is a plain GenericContainer: @testcontainers/kurrentdb exists only for
 * Testcontainers 12, which needs Node 22; this project runs on Node 20 (Testcontainers 11).
 * Images: LIVE_EVENTSTORE_IMAGE (default the one docker-compose.yml uses), LIVE_MONGODB_IMAGE.
 */
import { spawn } from 'node:child_process';
import { MongoDBContainer } from '@testcontainers/mongodb';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';

const EVENTSTORE_IMAGE = process.env['LIVE_EVENTSTORE_IMAGE'] ?? 'eventstore/eventstore:24.10';
const MONGODB_IMAGE = process.env['LIVE_MONGODB_IMAGE'] ?? 'mongo:7';
const EVENTSTORE_PORT = 2113;

async function startEventStore(): Promise<{ container: StartedTestContainer; url: string }> {
  const container = await new GenericContainer(EVENTSTORE_IMAGE)
    .withEnvironment({
      // The image reads EVENTSTORE_* (EventStoreDB) or KURRENTDB_* (KurrentDB 25+): set both.
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_CLUSTER_SIZE: '1',
      EVENTSTORE_RUN_PROJECTIONS: 'None',
      EVENTSTORE_MEM_DB: 'true',
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_CLUSTER_SIZE: '1',
      KURRENTDB_RUN_PROJECTIONS: 'None',
      KURRENTDB_MEM_DB: 'true',
    })
    .withExposedPorts(EVENTSTORE_PORT)
    .withWaitStrategy(
      Wait.forHttp('/health/live', EVENTSTORE_PORT).forStatusCodeMatching((status) => status >= 200 && status < 300),
    )
    .withStartupTimeout(120_000)
    .start();
  return {
    container,
    url: `esdb://${container.getHost()}:${container.getMappedPort(EVENTSTORE_PORT)}?tls=false`,
  };
}

async function main(): Promise<void> {
  const separator = process.argv.indexOf('--');
  const command = separator < 0 ? [] : process.argv.slice(separator + 1);
  if (command.length === 0) throw new Error('usage: live-engines.ts -- <command> [args...]');
  console.log(`Starting ${EVENTSTORE_IMAGE} and ${MONGODB_IMAGE} with Testcontainers...`);
  const [eventStore, mongo] = await Promise.all([startEventStore(), new MongoDBContainer(MONGODB_IMAGE).start()]);
  const env = {
    ...process.env,
    EVENTSTORE_URL: eventStore.url,
    MONGODB_URL: `${mongo.getConnectionString()}/?directConnection=true`,
  };
  console.log(`EVENTSTORE_URL=${env.EVENTSTORE_URL} MONGODB_URL=${env.MONGODB_URL}`);
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(command[0]!, command.slice(1), { env, stdio: 'inherit' });
      child.on('error', reject);
      child.on('exit', (exitCode) => resolve(exitCode ?? 1));
    });
    process.exitCode = code;
  } finally {
    await Promise.allSettled([eventStore.container.stop(), mongo.stop()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
