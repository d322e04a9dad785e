import type { EventActor } from '@ledger/event-store';
import { approvalsDecider, DECIDED_APPROVALS_REMEMBERED } from '../approval';
import type { ApprovalEvent, ApprovalRejected, ApprovalRequested } from '../approval';
import { foldEvents } from '../shared/decider';
import { deciderSpec } from '../shared/decider-spec';
import { userDecider } from './decide';
import type { ApiKeyIssued, ApiKeyRecord, UserRegistered } from './events';
import { MAX_ACTIVE_KEYS_PER_USER, usableKey } from './state';

const spec = deciderSpec(userDecider);
const key = (keyId: string, expiresAt: string | null = null): ApiKeyRecord => ({
  keyId,
  keyHash: 'ab'.repeat(32),
  salt: 'cd'.repeat(16),
  scrypt: { N: 32_768, r: 8, p: 1, keyLength: 32 },
  expiresAt,
});
const registered: UserRegistered = {
  type: 'UserRegistered',
  data: {
    userId: 'anna',
    displayName: 'Anna de Vries',
    roles: ['finance'],
    kind: 'person',
    origin: { kind: 'ledger' },
    registeredAt: '2026-03-01T09:00:00.000Z',
  },
};
const issued = (keyId: string, expiresAt: string | null = null): ApiKeyIssued => ({
  type: 'ApiKeyIssued',
  data: { userId: 'anna', issuedAt: '2026-03-01T09:00:00.000Z', ...key(keyId, expiresAt) },
});

describe('user decider', () => {
  it('given no history, when RegisterUser with a first key, then UserRegistered and ApiKeyIssued (roles once each)', () => {
    spec
      .given([])
      .when({
        type: 'RegisterUser',
        ...registered.data,
        roles: ['finance', 'finance'],
        firstKey: key('0000000000000001'),
      })
      .then([registered, issued('0000000000000001')]);
  });

  it('given a user, when RegisterUser again, then 409 USER_ALREADY_EXISTS', () => {
    spec
      .given([registered])
      .when({ type: 'RegisterUser', ...registered.data, firstKey: null })
      .thenThrows({ error: 'USER_ALREADY_EXISTS', status: 409 });
  });

  it('given a deactivated user, when IssueApiKey, then 409 USER_DEACTIVATED; deactivating again changes nothing', () => {
    const deactivated = {
      type: 'UserDeactivated' as const,
      data: { userId: 'anna', deactivatedAt: '2026-03-02T09:00:00.000Z' },
    };
    spec
      .given([registered, deactivated])
      .when({ type: 'IssueApiKey', userId: 'anna', key: key('0000000000000002'), issuedAt: '2026-03-03T09:00:00.000Z' })
      .thenThrows({ error: 'USER_DEACTIVATED', status: 409 });
    spec
      .given([registered, deactivated])
      .when({ type: 'DeactivateUser', userId: 'anna', deactivatedAt: '2026-03-03T09:00:00.000Z' })
      .then([]);
  });

  it(`refuses a key beyond ${MAX_ACTIVE_KEYS_PER_USER} usable ones; expired keys do not count`, () => {
    const keys = Array.from({ length: MAX_ACTIVE_KEYS_PER_USER }, (_, i) =>
      issued(`00000000000000${String(i).padStart(2, '0')}`),
    );
    spec
      .given([registered, ...keys])
      .when({ type: 'IssueApiKey', userId: 'anna', key: key('00000000000000ff'), issuedAt: '2026-03-03T09:00:00.000Z' })
      .thenThrows({ error: 'TOO_MANY_KEYS', status: 409 });
    const expiring = keys.map((event) => ({
      ...event,
      data: { ...event.data, expiresAt: '2026-03-02T00:00:00.000Z' },
    }));
    spec
      .given([registered, ...expiring])
      .when({ type: 'IssueApiKey', userId: 'anna', key: key('00000000000000ff'), issuedAt: '2026-03-03T09:00:00.000Z' })
      .then((events) => expect(events.map((e) => e.type)).toEqual(['ApiKeyIssued']));
  });

  it('a key is usable until it expires or is revoked, and only while its user is active', () => {
    const state = [registered, issued('0000000000000001', '2026-04-01T00:00:00.000Z')].reduce(
      (s, e) => userDecider.evolve(s, e),
      userDecider.initialState(),
    );
    expect(usableKey(state, '0000000000000001', '2026-03-31T23:59:59.000Z')).toBeDefined();
    expect(usableKey(state, '0000000000000001', '2026-04-01T00:00:00.000Z')).toBeUndefined();
    expect(usableKey(state, '0000000000000009', '2026-03-02T00:00:00.000Z')).toBeUndefined();
    const revoked = userDecider.evolve(state, {
      type: 'ApiKeyRevoked',
      data: { userId: 'anna', keyId: '0000000000000001', revokedAt: '2026-03-02T00:00:00.000Z' },
    });
    expect(usableKey(revoked, '0000000000000001', '2026-03-03T00:00:00.000Z')).toBeUndefined();
  });
});

describe('approvals decider (four-eyes)', () => {
  const approvals = deciderSpec(approvalsDecider);
  const anna: EventActor = { userId: 'anna', kind: 'person', authMethod: 'api-key', origin: 'api' };
  const bram: EventActor = { ...anna, userId: 'bram' };
  const requested: ApprovalRequested = {
    type: 'ApprovalRequested',
    data: {
      approvalId: 'a1',
      request: { method: 'POST', url: '/refunds/r1/payments', body: {}, commandId: 'c1', commandName: 'PayRefund' },
      amountCents: 210_000,
      outgoing: [{ eventType: 'RefundPaid', amountCents: 210_000 }],
      requestedBy: anna,
      requesterRoles: ['backoffice'],
      requestedAt: '2026-03-01T09:00:00.000Z',
    },
  };
  const executed = { status: 201, streamId: 'enrolment-e1', position: 7 };

  it('the requester cannot approve their own request; another user can, once', () => {
    approvals
      .given([requested])
      .when({
        type: 'GrantApproval',
        approvalId: 'a1',
        approvedBy: anna,
        approvedAt: '2026-03-01T10:00:00.000Z',
        executed,
      })
      .thenThrows({ error: 'OWN_APPROVAL' });
    const granted = {
      type: 'ApprovalGranted' as const,
      data: { approvalId: 'a1', approvedBy: bram, approvedAt: '2026-03-01T10:00:00.000Z', executed },
    };
    approvals
      .given([requested])
      .when({ type: 'GrantApproval', ...granted.data })
      .then([granted]);
    approvals
      .given([requested, granted])
      .when({
        type: 'RejectApproval',
        approvalId: 'a1',
        rejectedBy: bram,
        rejectedAt: '2026-03-01T11:00:00.000Z',
        reason: 'x',
      })
      .thenThrows({ error: 'APPROVAL_NOT_PENDING', status: 409 });
  });

  it('a request already recorded is not recorded twice, also once decided; a decision on an approval that is not open is 409', () => {
    approvals
      .given([requested])
      .when({ type: 'RequestApproval', ...requested.data })
      .then([]);
    const rejected: ApprovalRejected = {
      type: 'ApprovalRejected',
      data: { approvalId: 'a1', rejectedBy: bram, rejectedAt: '2026-03-01T11:00:00.000Z', reason: 'x' },
    };
    approvals
      .given([requested, rejected])
      .when({ type: 'RequestApproval', ...requested.data })
      .then([]);
    approvals
      .given([requested, rejected])
      .when({
        type: 'GrantApproval',
        approvalId: 'a1',
        approvedBy: bram,
        approvedAt: '2026-03-01T12:00:00.000Z',
        executed,
      })
      .thenThrows({ error: 'APPROVAL_NOT_PENDING', status: 409 });
    // Never requested: the API answers 404 from the read model before it asks the decider.
    approvals
      .given([])
      .when({
        type: 'RejectApproval',
        approvalId: 'nope',
        rejectedBy: bram,
        rejectedAt: '2026-03-01T11:00:00.000Z',
        reason: 'x',
      })
      .thenThrows({ error: 'APPROVAL_NOT_PENDING', status: 409 });
  });

  it('the state keeps the open approvals and the latest outcomes only, so it does not grow with the history (D51)', () => {
    const history: ApprovalEvent[] = [];
    const total = DECIDED_APPROVALS_REMEMBERED + 5;
    for (let n = 0; n < total; n++) {
      const approvalId = `a-${n}`;
      history.push(
        { ...requested, data: { ...requested.data, approvalId } },
        n % 2 === 0
          ? {
              type: 'ApprovalGranted',
              data: { approvalId, approvedBy: bram, approvedAt: '2026-03-02T10:00:00.000Z', executed },
            }
          : {
              type: 'ApprovalRejected',
              data: { approvalId, rejectedBy: bram, rejectedAt: '2026-03-02T10:00:00.000Z', reason: 'x' },
            },
      );
    }
    history.push({ ...requested, data: { ...requested.data, approvalId: 'still-open' } });
    const state = foldEvents(approvalsDecider, history);
    expect(state.pendingCount).toBe(1);
    expect(Object.keys(state.pending)).toEqual(['still-open']);
    expect(state.decidedCount).toBe(DECIDED_APPROVALS_REMEMBERED);
    expect(Object.keys(state.decided)).toHaveLength(DECIDED_APPROVALS_REMEMBERED);
    // The oldest outcomes went first; the newest are there, with their outcome.
    expect(state.decided['a-0']).toBeUndefined();
    expect(state.decided['a-4']).toBeUndefined();
    expect(state.decided['a-5']).toBe('rejected');
    expect(state.decided[`a-${total - 1}`]).toBe(total % 2 === 0 ? 'rejected' : 'approved');
  });
});
