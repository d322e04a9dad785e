import type { DeadlineChange } from '../shared/deadlines';
import {
  licenceTermPolicy,
  participantScheduledCommands,
  PARTICIPANT_SCHEDULED,
  tierEvaluationPolicy,
} from './deadlines';
import type { ParticipantEvent } from './events';
import { context, fold, ofType, record, registerLicence, registerParticipant } from './participant.test-support';

const STREAM = 'participant-P';
const source = (event: ParticipantEvent) => ({
  streamId: STREAM,
  type: event.type,
  data: event.data as unknown as Record<string, unknown>,
  occurredAt: undefined,
});
const changes = (events: ParticipantEvent[]): DeadlineChange[] =>
  events.flatMap((e) => [...licenceTermPolicy.changesFor(source(e)), ...tierEvaluationPolicy.changesFor(source(e))]);
const scheduled = (cs: DeadlineChange[]) => cs.flatMap((c) => (c.op === 'schedule' ? [c.deadline] : []));
const settled = (cs: DeadlineChange[]) => cs.flatMap((c) => (c.op === 'settle' ? [c.deadlineId] : []));

describe('participant deadlines (scheduler)', () => {
  const registered = record([registerParticipant('2026-01-10')]);
  const one = record([registerLicence(1, '2026-03-31T10:00:00+02:00')], registered);

  it('SPOT-4.2 / SPOT-I2: an agreed invoice date schedules the tier evaluation at the first invoice date after registration (registered 2026-01-05: 2026-01-10, 00:00 Amsterdam)', () => {
    expect(scheduled(changes(registered))).toEqual([
      {
        deadlineId: 'participant-P:tier-evaluation:2026-01-10',
        dueAt: '2026-01-10T00:00:00+01:00',
        kind: 'tier-evaluation',
        streamId: STREAM,
        command: { name: PARTICIPANT_SCHEDULED.evaluate, body: { participantId: 'P', evaluatedOn: '2026-01-10' } },
      },
    ]);
    const later = record([{ ...registerParticipant('2026-01-10'), registeredAt: '2026-03-02T09:00:00+01:00' }]);
    expect(scheduled(changes(later)).map((d) => d.deadlineId)).toEqual(['participant-P:tier-evaluation:2027-01-10']);
  });

  it('SPOT-I2: without an agreed date, the anchoring first registration schedules the evaluation a year later', () => {
    const anchored = record([registerLicence(1, '2026-03-15T10:00:00+01:00')], record([registerParticipant(null)]));
    expect(scheduled(changes(anchored.slice(1))).map((d) => d.deadlineId)).toContain(
      'participant-P:tier-evaluation:2027-03-15',
    );
  });

  it('SPOT-4.2: an evaluation settles its deadline and schedules the next invoice date', () => {
    const evaluated = record([{ type: 'EvaluateTier', participantId: 'P', evaluatedOn: '2027-01-10' }], one).slice(
      one.length,
    );
    const cs = changes(evaluated);
    expect(settled(cs)).toEqual(['participant-P:tier-evaluation:2027-01-10']);
    expect(scheduled(cs).map((d) => d.deadlineId)).toEqual(['participant-P:tier-evaluation:2028-01-10']);
  });

  it('SPOT-I1 / SPOT-6.1: a registration schedules its renewal on the expiry date and the reminder 30 days before', () => {
    const deadlines = scheduled(changes(one.slice(registered.length)));
    expect(deadlines.map((d) => [d.deadlineId, d.dueAt])).toEqual([
      ['participant-P:licence:L1:renewal:2027-03-31', '2027-03-31T00:00:00+02:00'],
      ['participant-P:licence:L1:reminder:2027-03-31', '2027-03-01T00:00:00+01:00'],
    ]);
  });

  it("SPOT-I1: a renewal settles the term's deadlines and schedules the next term's", () => {
    const renewed = record(
      [{ type: 'RenewLicence', participantId: 'P', licenceId: 'L1', renewalOn: '2027-03-31' }],
      one,
    ).slice(one.length);
    const cs = changes(renewed);
    expect(settled(cs)).toEqual([
      'participant-P:licence:L1:renewal:2027-03-31',
      'participant-P:licence:L1:reminder:2027-03-31',
    ]);
    expect(scheduled(cs).map((d) => d.deadlineId)).toEqual([
      'participant-P:licence:L1:renewal:2028-03-31',
      'participant-P:licence:L1:reminder:2028-03-31',
    ]);
  });

  it('SPOT-6.2: a revocation settles the renewal and reminder of the term it cuts short', () => {
    const revoked = record(
      [
        {
          type: 'RevokeLicence',
          participantId: 'P',
          licenceId: 'L1',
          at: '2026-05-04T15:00:00+02:00',
          reason: 'conduct',
        },
      ],
      one,
    ).slice(one.length);
    expect(settled(changes(revoked))).toEqual([
      'participant-P:licence:L1:renewal:2027-03-31',
      'participant-P:licence:L1:reminder:2027-03-31',
    ]);
  });

  it('SPOT-I1: every scheduled command routes to the participant decider and a second firing is a no-op', () => {
    const renewal = scheduled(changes(one.slice(registered.length)))[0]!;
    const { decider, command } = participantScheduledCommands[renewal.command.name]!(renewal.command.body, renewal);
    const ctx = context();
    const first = decider.decide(command, fold(one), ctx) as ParticipantEvent[];
    expect(first.map((e) => e.type)).toEqual(['LicenceRenewed', 'InvoiceIssued']);
    expect(decider.decide(command, fold([...one, ...first]), ctx)).toEqual([]);
    expect(ofType(first, 'LicenceRenewed')[0]!.data.expiresOn).toBe('2028-03-31');
  });
});
