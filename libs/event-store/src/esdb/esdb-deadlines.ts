/**
 * Time limits and shutdown for @eventstore/db-client calls. The client's streaming reads
 * (readStream, readAll, subscriptions) hand gRPC `deadline: Infinity` whatever the caller passes,
 * so a reachable but stuck server would hold a read, and with it /health, forever; here the adapter
 * keeps the time itself and cancels the call. The client's dispose() cancels calls but leaves the
 * gRPC channel (and its socket) open; closeChannelOnDispose closes it.
 */
import type { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreDeadlineError } from '../event-store.port';

/** A client read stream: iterable, cancellable (ReadStream of @eventstore/db-client). */
export interface CancellableRead<T> extends AsyncIterable<T> {
  cancel(): Promise<void>;
  destroy(error?: Error): unknown;
}

/** Every item of a read, or EventStoreDeadlineError once `deadlineMs` has passed (the call is cancelled). */
export async function collectWithDeadline<T>(
  operation: string,
  deadlineMs: number,
  read: CancellableRead<T>,
): Promise<T[]> {
  const deadline = new EventStoreDeadlineError(operation, deadlineMs);
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    void read.cancel().catch(() => undefined);
    read.destroy(deadline);
  }, deadlineMs);
  const items: T[] = [];
  try {
    for await (const item of read) items.push(item);
  } catch (error) {
    throw expired ? deadline : error;
  } finally {
    clearTimeout(timer);
  }
  if (expired) throw deadline;
  return items;
}

/** The call's result, or EventStoreDeadlineError once `deadlineMs` has passed (the call is abandoned). */
export async function withDeadline<T>(operation: string, deadlineMs: number, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EventStoreDeadlineError(operation, deadlineMs)), deadlineMs);
  });
  try {
    return await Promise.race([call(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the adapter uses of a gRPC channel (@grpc/grpc-js Channel). */
export interface Channel {
  close(): void;
  /** 4 is SHUTDOWN. */
  getConnectivityState(tryToConnect: boolean): number;
}

export interface ChannelCloser {
  /** Closes the channel the client opened, if it opened one. Idempotent. */
  close(): Promise<void>;
  /** The channel in use, if any (tests check it is shut down). */
  current(): Channel | undefined;
}

/**
 * Notes the channel the client creates (its protected `getChannel`, called for every gRPC client it
 * builds) so close() can shut it down after dispose(). Written against @eventstore/db-client 6.x.
 */
export function closeChannelOnDispose(client: EventStoreDBClient): ChannelCloser {
  const internal = client as unknown as { getChannel?: () => Promise<Channel> };
  const getChannel = internal.getChannel;
  if (typeof getChannel !== 'function')
    throw new Error('@eventstore/db-client no longer has getChannel(); update closeChannelOnDispose');
  let opened: Channel | undefined;
  internal.getChannel = async () => {
    opened = await getChannel.call(client);
    return opened;
  };
  return {
    async close() {
      opened?.close();
    },
    current: () => opened,
  };
}
