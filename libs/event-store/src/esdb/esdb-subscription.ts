/**
 * The port's `$all` subscription over an EventStoreDB catch-up subscription. Events are pulled one
 * at a time with the stream's async iterator (never pushed through concurrent 'data' handlers), so
 * a slow consumer applies back-pressure and events reach it strictly in order.
 */
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import {
  EventStoreDeadlineError,
  type AllSubscription,
  type LogPosition,
  type RecordedEvent,
} from '../event-store.port';
import { assertAfter, toRecordedEvent } from './esdb-mapping';

const CLOSED = Symbol('closed');

export class EsdbAllSubscription implements AllSubscription {
  private closed = false;
  private closing: Promise<void> | undefined;
  /**
   * The consumer's wait in progress, woken by close(). One promise per wait, dropped after it: a
   * race against a single promise that stays pending until close() would add a reaction per event
   * and keep every event it raced for the subscription's life (nodejs/node#17469).
   */
  private wakeOnClose: (() => void) | undefined;
  private readonly onAbort = () => void this.close();

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly afterPosition: LogPosition,
    private readonly signal: AbortSignal | undefined,
    private readonly onClosed: (subscription: EsdbAllSubscription) => void,
    confirmationDeadlineMs: number,
  ) {
    // An error before the consumer starts iterating must not crash the process as an unhandled
    // 'error' event; the stream keeps it, and the iterator rethrows it to the consumer.
    source.on('error', () => undefined);
    // A server that accepts the call but never confirms it would leave the consumer waiting for
    // ever; past the deadline the subscription fails and its consumer can start it again. Once
    // confirmed, gRPC keep-alive (keepAliveInterval/keepAliveTimeout) notices a dead connection.
    const unconfirmed = setTimeout(
      () => source.destroy(new EventStoreDeadlineError('subscription to $all (confirmation)', confirmationDeadlineMs)),
      confirmationDeadlineMs,
    );
    unconfirmed.unref();
    const confirmed = () => clearTimeout(unconfirmed);
    // Not a 'data' listener: that would switch the stream to flowing mode under the iterator.
    source.once('confirmation', confirmed);
    source.once('close', confirmed);
    if (signal?.aborted) void this.close();
    else signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.iterate();
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    this.wakeOnClose?.();
    this.signal?.removeEventListener('abort', this.onAbort);
    try {
      await this.source.unsubscribe();
    } finally {
      this.source.destroy();
      this.onClosed(this);
    }
  }

  private async *iterate(): AsyncGenerator<RecordedEvent, void, undefined> {
    const pull = this.source[Symbol.asyncIterator]();
    let checkpoint = this.afterPosition;
    try {
      while (!this.closed) {
        // Racing against close() ends a consumer that waits for an event that may never come.
        const closedMeanwhile = new Promise<typeof CLOSED>((resolve) => {
          this.wakeOnClose = () => resolve(CLOSED);
        });
        let next: IteratorResult<AllStreamResolvedEvent> | typeof CLOSED;
        try {
          next = await Promise.race([pull.next(), closedMeanwhile]);
        } finally {
          this.wakeOnClose = undefined;
        }
        if (next === CLOSED || next.done || this.closed) return;
        const event = toRecordedEvent(next.value);
        // The server starts after the checkpoint; the comparison guards against an inclusive start.
        if (!event || event.position <= this.afterPosition) continue;
        assertAfter(checkpoint, event);
        checkpoint = event.position;
        yield event;
      }
    } finally {
      await this.close();
    }
  }
}
