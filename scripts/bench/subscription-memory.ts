/**
 * Memory a long-lived `$all` subscription keeps per event delivered, for the EventStoreDB adapter's
 * EsdbAllSubscription. A projection's live subscription lives as long as the server, so anything
 * it keeps per event grows without a bound. The gRPC stream is stood in for by an object-mode
 * PassThrough with the client stream's `unsubscribe` (no server is needed to measure the adapter's
 * own retention); the events are not ledger events, so the adapter reads and skips each one.
 * Prints the heap growth after a full GC; it should stay near zero whatever --events is.
 *
 *   npx tsx scripts/bench/subscription-memory.ts [--events=100000]
 */
import { PassThrough } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EsdbAllSubscription } from '../../libs/event-store/src/esdb/esdb-subscription';
import { intSetting } from './lib';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const PADDING = 'x'.repeat(1_000);

async function main(): Promise<void> {
  const events = intSetting('events', 100_000);
  const source = Object.assign(new PassThrough({ objectMode: true, highWaterMark: 16 }), {
    unsubscribe: async () => undefined,
  });
  const subscription = new EsdbAllSubscription(
    source as unknown as ConstructorParameters<typeof EsdbAllSubscription>[0],
    0,
    undefined,
    () => undefined,
    60_000,
  );
  const consumed = (async () => {
    for await (const event of subscription) throw new Error(`Unexpected ledger event ${event.id}`);
  })();
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  for (let index = 0; index < events; index++) {
    // A 1 kB event, distinct each time, so whatever is kept shows in the heap.
    if (!source.write({ event: undefined, padding: `${PADDING}${index}` }))
      await new Promise((resolve) => source.once('drain', resolve));
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  collectGarbage();
  const grownMiB = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576;
  await subscription.close();
  await consumed;
  console.log(
    `EsdbAllSubscription: heap +${grownMiB.toFixed(1)} MiB after ${events.toLocaleString('en')} events of 1 kB`,
  );
}

void main();
