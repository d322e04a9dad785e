/**
 * SPOT-2.2 on the participant: the rulebook's extra-contribution act decides, the participant checks
 * the licence it is for and invoices the contribution on an invoice of its own.
 */
import { deciderSpec } from '../shared/decider-spec';
import type { ChargeExtraContribution } from './commands';
import { participantDecider } from './decide';
import { context, ofType, PARTICIPANT, record, registerLicence, registerParticipant } from './participant.test-support';

const spec = deciderSpec(participantDecider);
const history = () => record([registerParticipant(), registerLicence(1, '2026-02-02T10:00:00+01:00')]);
const contribution = (overrides: Partial<ChargeExtraContribution> = {}): ChargeExtraContribution => ({
  type: 'ChargeExtraContribution',
  participantId: PARTICIPANT,
  licenceId: 'L1',
  courseId: 'dementia-care-basics',
  courseProvider: 'Vilans',
  contributionCents: 1_500,
  chargedAt: '2026-04-01T10:00:00+02:00',
  ...overrides,
});

describe('SPOT-2.2 extra contribution, on the participant', () => {
  it('SPOT-2.2: given licence L1 running, when SPOT charges 15.00 for Vilans e-learning, then the decision and an invoice of its own (due in 30 days) are recorded', () => {
    spec
      .given(history())
      .when(contribution(), context())
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['ExtraContributionCharged', 'InvoiceIssued']);
        const [charged] = ofType(events, 'ExtraContributionCharged');
        const [invoice] = ofType(events, 'InvoiceIssued');
        expect(charged!.data).toMatchObject({
          licenceId: 'L1',
          chargedOn: '2026-04-01',
          contributionCents: 1_500,
          invoiceId: invoice!.data.invoiceId,
          decision: { kind: 'extra-contribution', ruleIds: ['SPOT-2.2'], feeCents: 1_500 },
        });
        expect(invoice!.data).toMatchObject({
          reason: 'extra-contribution',
          issuedOn: '2026-04-01',
          dueDate: '2026-05-01',
          totalCents: 1_500,
          ruleIds: ['SPOT-2.2'],
          lines: [expect.objectContaining({ kind: 'extra-contribution', netCents: 1_500 })],
        });
      });
  });

  it('SPOT-2.2: for the participant as a whole (no licence) it is charged as well', () => {
    spec
      .given(history())
      .when(contribution({ licenceId: null, courseProvider: 'SPOT' }), context())
      .then((events) => expect(ofType(events, 'ExtraContributionCharged')[0]!.data.licenceId).toBeNull());
  });

  it('SPOT-2.2: ExpertCollege e-learning is refused (422 naming SPOT-2.2); an unknown licence is 404, a licence not yet running 409', () => {
    spec
      .given(history())
      .when(contribution({ courseProvider: 'ExpertCollege' }), context())
      .thenThrows({ error: 'CONTRIBUTION_FOR_STANDARD_OFFER', ruleId: 'SPOT-2.2' });
    spec
      .given(history())
      .when(contribution({ licenceId: 'L9' }), context())
      .thenThrows({ error: 'LICENCE_NOT_FOUND', status: 404 });
    spec
      .given(history())
      .when(contribution({ chargedAt: '2026-01-15T10:00:00+01:00' }), context())
      .thenThrows({ error: 'LICENCE_NOT_ACTIVE', status: 409 });
    spec.given([]).when(contribution(), context()).thenThrows({ error: 'PARTICIPANT_NOT_FOUND', status: 404 });
  });
});
