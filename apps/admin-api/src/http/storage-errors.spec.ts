/**
 * Storage errors of the write path (issue 18) answer with a status and an error code that name
 * them: an append over the byte limit is 413, an engine that gave no answer in time or could not
 * confirm a write is 503 (retrying the same command is safe).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AppendOutcomeUnknownError,
  AppendTooLargeError,
  EventStoreDeadlineError,
  EventStoreOverloadedError,
  KeyStoreUnavailableError,
  MAX_APPEND_BYTES,
  SqliteEventStore,
} from '@ledger/event-store';
import { KeyQueueFullError } from '@ledger/application';
import { toErrorResponse } from './error.filter';

describe('HTTP answers to storage errors', () => {
  it('an append over the byte limit, refused by the real store before writing, is 413 APPEND_TOO_LARGE', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-errors-'));
    const store = SqliteEventStore.open({ file: path.join(dir, 'events.sqlite') });
    try {
      const big = { type: 'A', data: { text: 'x'.repeat(MAX_APPEND_BYTES / 2) } };
      const error = await store.append('s-1', [big, big], { expectedRevision: 'any' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendTooLargeError);
      expect(await store.streamRevision('s-1')).toBeUndefined();
      const { status, body } = toErrorResponse(error);
      expect(status).toBe(413);
      expect(body).toMatchObject({ error: 'APPEND_TOO_LARGE' });
      expect(body.message).toMatch(/s-1 is \d+ bytes, over the limit of 1000000 bytes per append/);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [new AppendOutcomeUnknownError('s-1', 'no answer'), 'APPEND_OUTCOME_UNKNOWN'],
    [new EventStoreDeadlineError('ping', 4_000), 'EVENT_STORE_DEADLINE'],
    [new KeyStoreUnavailableError('no majority'), 'KEY_STORE_UNAVAILABLE'],
    [new EventStoreOverloadedError(100_000), 'EVENT_STORE_OVERLOADED'],
    [new KeyQueueFullError('enrolment-e-1', 1_000), 'KEY_QUEUE_FULL'],
  ])('%s is 503 %s', (error, code) => {
    const { status, body } = toErrorResponse(error);
    expect(status).toBe(503);
    expect(body).toEqual({ error: code, message: error.message });
  });
});
