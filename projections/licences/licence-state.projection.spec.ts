/**
 * The licence-state projection answers as-of queries exactly as folding the participant stream
 * does: same history, same view, at every date. Runs the real projection runner over the real
 * embedded stores.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { licenceStateAsOf, participantStreamId, type ParticipantEvent } from '@ledger/domain';
import { ProjectionRunner, SqliteReadStore, physicalCollection } from '@ledger/read-store';
import { addDays, spotLmsVersions } from '@ledger/regulations';
// The adapter file itself, not the package index, so this spec does not load the EventStoreDB client.
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import {
  fold,
  record,
  registerLicence,
  registerParticipant,
  registrations,
  PARTICIPANT,
} from '../../libs/domain/src/participant/participant.test-support';
import {
  LICENCE_STATE,
  licenceStateProjection,
  TIER_SURCHARGES,
  tierSurchargesProjection,
  type LicenceDocument,
  type ParticipantLicenceDocument,
  type TierCrossingDocument,
} from '../index';

const spot = spotLmsVersions[0]!;

/** A year and a half of one participant: crossing, surcharge, revocation, not-to-renew, evaluation, renewals, leaving. */
function history(): ParticipantEvent[] {
  const base = record([registerParticipant('2026-01-10'), ...registrations(99, '2026-02-01')]);
  return record(
    [
      registerLicence(100, '2026-06-01T10:00:00+02:00'),
      {
        type: 'RevokeLicence',
        participantId: PARTICIPANT,
        licenceId: 'L7',
        at: '2026-07-01T10:00:00+02:00',
        reason: 'conduct',
      },
      registerLicence(101, '2026-08-01T10:00:00+02:00'),
      {
        type: 'MarkLicenceNotToRenew',
        participantId: PARTICIPANT,
        licenceId: 'L3',
        requestedAt: '2026-09-01T10:00:00+02:00',
      },
      { type: 'EvaluateTier', participantId: PARTICIPANT, evaluatedOn: '2027-01-10' },
      ...['L1', 'L2', 'L3', 'L4'].map((licenceId) => ({
        type: 'RenewLicence' as const,
        participantId: PARTICIPANT,
        licenceId,
        renewalOn: '2027-02-01',
      })),
      { type: 'EndMembership', participantId: PARTICIPANT, endedAt: '2027-03-01T10:00:00+01:00' },
    ],
    base,
  );
}

describe('licence-state and tier-surcharges projections', () => {
  it('SPOT-4.2 / SPOT-I1 / SPOT-6.2 / SPOT-6.4: the projection answers every as-of date exactly as the stream fold does', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'licence-state-'));
    const eventStore = SqliteEventStore.open({ file: join(directory, 'events.sqlite'), pollIntervalMs: 20 });
    const readStore = SqliteReadStore.open(join(directory, 'read.sqlite'));
    const runner = new ProjectionRunner({
      eventStore,
      readStore,
      projections: [licenceStateProjection, tierSurchargesProjection],
    });
    try {
      const events = history();
      const appended = await eventStore.append(
        participantStreamId(PARTICIPANT),
        events.map((e) => ({ type: e.type, data: e.data as unknown as Record<string, unknown> })),
        { expectedRevision: 'no_stream' },
      );
      runner.start();
      expect(await runner.waitForPosition(appended.position, 10_000)).toBe(true);

      const participant = await readStore.get<ParticipantLicenceDocument>(
        physicalCollection(licenceStateProjection, LICENCE_STATE.participants),
        PARTICIPANT,
      );
      const licences = await readStore.find<LicenceDocument>(
        physicalCollection(licenceStateProjection, LICENCE_STATE.licences),
        { where: { participantId: PARTICIPANT }, limit: 500 },
      );
      expect(licences.items).toHaveLength(101);
      const state = fold(events);
      if (state.status !== 'registered' || !participant) throw new Error('participant missing');

      for (let day = '2026-01-15'; day <= '2027-03-15'; day = addDays(day, 11)) {
        const fromProjection = licenceStateAsOf(
          spot,
          PARTICIPANT,
          participant.body,
          licences.items.map((d) => d.body),
          day,
        );
        const fromFold = licenceStateAsOf(spot, PARTICIPANT, state, Object.values(state.licences), day);
        expect({ day, ...fromProjection }).toEqual({ day, ...fromFold });
      }
      expect(
        licenceStateAsOf(
          spot,
          PARTICIPANT,
          participant.body,
          licences.items.map((d) => d.body),
          '2026-06-01',
        ),
      ).toMatchObject({ activeCount: 100, tier: 'high' });

      const crossings = await readStore.find<TierCrossingDocument>(
        physicalCollection(tierSurchargesProjection, TIER_SURCHARGES.collection),
        { where: { participantId: PARTICIPANT } },
      );
      expect(crossings.items.map((d) => d.body)).toEqual([
        expect.objectContaining({
          crossedOn: '2026-06-01',
          charged: true,
          surchargeCents: 150_000,
          activeLicences: 100,
        }),
      ]);
    } finally {
      await runner.stop();
      await eventStore.close();
      await readStore.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});
