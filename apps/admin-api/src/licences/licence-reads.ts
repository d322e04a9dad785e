/**
 * Reads of the SPOT licence read models: the licence state as of a date and the tier crossings
 * (the licence directory is the command handlers', libs/application/src/commands/directories.ts).
 * Every read waits for the projections to reach the log's head first, so a client reads its own writes.
 */
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { ReadModels } from '@ledger/application';
import { licenceStateAsOf, MAX_LICENCES_PER_PARTICIPANT, type LicenceStateView } from '@ledger/domain';
import {
  LICENCE_STATE,
  TIER_SURCHARGES,
  type LicenceDocument,
  type ParticipantLicenceDocument,
  type TierCrossingDocument,
} from '@ledger/projections';
import { compareDates, type RulebookRegistry } from '@ledger/regulations';
import { READ_MODELS, RULEBOOKS } from '../tokens';

/** A participant has at most this many crossings a year; this bounds one answer generously. */
const MAX_CROSSINGS_LISTED = 1_000;

@Injectable()
export class LicenceReads {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(RULEBOOKS) private readonly rulebooks: RulebookRegistry,
  ) {}

  async licenceState(participantId: string, asOf: string): Promise<LicenceStateView> {
    await this.readModels.ready();
    const participant = await this.participant(participantId);
    const licences = await this.readModels.findAll<LicenceDocument>(
      LICENCE_STATE.name,
      LICENCE_STATE.licences,
      { where: { participantId }, orderBy: { field: 'startsOn', direction: 'asc' } },
      MAX_LICENCES_PER_PARTICIPANT,
    );
    return licenceStateAsOf(
      this.rulebooks.rulebookFor(participant.rulebookId, asOf),
      participantId,
      participant,
      licences.map((l) => l.body),
      asOf,
    );
  }

  /** Crossings recorded for a participant, those on or before `asOf` when given. */
  async crossings(participantId: string, asOf: string | null) {
    await this.readModels.ready();
    await this.participant(participantId);
    const page = await this.readModels.find<TierCrossingDocument>(TIER_SURCHARGES.name, TIER_SURCHARGES.collection, {
      where: { participantId },
      orderBy: { field: 'crossedOn', direction: 'asc' },
      limit: MAX_CROSSINGS_LISTED,
    });
    const crossings = page.items
      .map((d) => d.body)
      .filter((c) => asOf === null || compareDates(c.crossedOn, asOf) <= 0);
    const surcharges = crossings
      .filter((c) => c.charged)
      .map((c) => ({
        decisionId: c.decisionId,
        licenceId: c.licenceId,
        chargedOn: c.crossedOn,
        activeLicences: c.activeLicences,
        surchargeCents: c.surchargeCents,
        invoiceId: c.surchargeInvoiceId,
        highRateFrom: c.highRateFrom,
        decision: c.decision,
      }));
    return {
      participantId,
      asOf,
      totalCents: surcharges.reduce((sum, s) => sum + s.surchargeCents, 0),
      surcharges,
      crossings: crossings.map((c) => ({
        decisionId: c.decisionId,
        licenceId: c.licenceId,
        crossedOn: c.crossedOn,
        activeLicences: c.activeLicences,
        charged: c.charged,
        surchargeCents: c.surchargeCents,
        highRateFrom: c.highRateFrom,
        decision: c.decision,
      })),
    };
  }

  private async participant(participantId: string): Promise<ParticipantLicenceDocument> {
    const doc = await this.readModels.get<ParticipantLicenceDocument>(
      LICENCE_STATE.name,
      LICENCE_STATE.participants,
      participantId,
    );
    if (!doc)
      throw new NotFoundException({ error: 'PARTICIPANT_NOT_FOUND', message: `No participant ${participantId}` });
    return doc.body;
  }
}
