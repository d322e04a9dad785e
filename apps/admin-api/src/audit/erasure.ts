/**
 * Right to erasure (GDPR art. 17) and VLI-5.2 retention. An erasure is recorded as an event (no
 * personal data in it) and the subject's data key is destroyed, so every personal field of theirs
 * in the log reads "[erased]" while amounts, decisions and the hash chain stay as they were.
 *
 * The event is recorded first and the key destroyed after: should the process stop in between,
 * the ErasureKeeper finds the recorded erasure and destroys the key on its next pass. Retention
 * erasures the scheduler fires take the same command handler (through the CommandBus).
 */
import { Logger } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsInstant } from '../http/validators';
import type { ReadModels } from '@ledger/application';
import {
  dataSubjectKey,
  type EventStore,
  type KeyStore,
  type LedgerEventStore,
  type RecordedEvent,
} from '@ledger/event-store';
import { ERASURE_EVENTS, ERASURES, type ErasureDocument } from '@ledger/projections';

export type SubjectKind = 'learner' | 'customer';

/** Body of POST /learners/{id}/erasure and POST /customers/{id}/erasure. */
export class ErasureRequestDto {
  @ApiProperty({ format: 'uuid', description: 'Client-generated idempotency key' })
  @IsUUID()
  commandId!: string;

  @ApiPropertyOptional({
    description: 'Business time of the request for erasure; defaults to the time the ledger receives it',
  })
  @IsOptional()
  @IsInstant()
  requestedAt?: string;
}

/** How an erasure event shows on the subject's own view (no personal data in it). */
export function erasureView(erasure: RecordedEvent | undefined) {
  return erasure
    ? {
        erasedAt: erasure.data['erasedAt'],
        reason: erasure.data['reason'],
        ruleIds: erasure.data['ruleIds'],
        eventId: erasure.id,
      }
    : null;
}

/** Destroys the key of every recorded erasure whose key still exists. */
export class ErasureKeeper {
  private readonly logger = new Logger('ErasureKeeper');
  private subscription: { close(): Promise<void> } | undefined;
  private following: Promise<void> | undefined;
  /** Erasures read at a time: a pass holds one page, however many erasures the log has recorded. */
  static readonly PAGE = 200;

  constructor(
    private readonly eventStore: LedgerEventStore,
    private readonly keyStore: KeyStore,
    /** The engine under the LedgerEventStore: erasure events carry no personal data to decrypt. */
    private readonly engine: EventStore,
    private readonly readModels: ReadModels,
  ) {}

  /**
   * One pass over the erasure log, a page at a time; returns the subjects whose key it destroyed
   * now. Every erasure is checked: there is no count past which a pass gives up, as there was
   * (100,000), leaving the erasures recorded while the process was down with their keys.
   */
  async enforce(): Promise<string[]> {
    await this.readModels.ready();
    const destroyed: string[] = [];
    for await (const erasures of this.readModels.pages<ErasureDocument>(ERASURES.name, ERASURES.collection, {
      orderBy: { field: 'position' },
      limit: ErasureKeeper.PAGE,
    })) {
      for (const { body } of erasures) {
        const key = dataSubjectKey(body.subjectKind, body.subjectId);
        if (await this.keyStore.isErased(key)) continue;
        await this.eventStore.forgetSubject(key);
        destroyed.push(body.subjectId);
      }
    }
    return destroyed;
  }

  /** Follows the log from its head and destroys keys as erasure events arrive (also from other processes). */
  start(): void {
    if (this.following) return;
    const controller = new AbortController();
    this.following = (async () => {
      const head = await this.engine.headPosition();
      const subscription = this.engine.subscribeToAll({ afterPosition: head, signal: controller.signal });
      this.subscription = {
        close: async () => {
          controller.abort();
          await subscription.close();
        },
      };
      // Erasures recorded before the head (e.g. while this process was down).
      await this.enforce().catch((error: unknown) => this.logger.error(`Erasure pass failed: ${String(error)}`));
      for await (const event of subscription) {
        const spec = ERASURE_EVENTS[event.type];
        const subjectId = spec ? event.data[spec.subjectField] : undefined;
        if (spec && typeof subjectId === 'string')
          await this.eventStore.forgetSubject(dataSubjectKey(spec.subjectKind, subjectId));
      }
    })().catch((error: unknown) => {
      if (!controller.signal.aborted) this.logger.error(`Erasure keeper stopped: ${String(error)}`);
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.following;
    this.following = undefined;
  }
}
