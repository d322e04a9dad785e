/**
 * People, not role keys (issue 14), over HTTP: personal users and keys, the person in every event,
 * four-eyes on payouts, deactivation, single sign-on with tokens signed in the test and verified
 * against a JWKS served from a local port, and a server log that holds no credential.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { runCli } from '../support/cli-runner';
import { commandId, newId, readAllBytes, startHarness, TEST_KEYS, type Harness } from '../support/http-harness';

const ISSUER_PATH = '/realms/ledger';
const AUDIENCE = 'ledger-api';

/** A minimal identity provider: discovery document and JWKS, on a free local port. */
async function startIssuer(jwk: JWK): Promise<{ issuer: string; close(): Promise<void> }> {
  let issuer = '';
  const server = http.createServer((request, response) => {
    const json = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === `${ISSUER_PATH}/.well-known/openid-configuration`)
      return json({ issuer, jwks_uri: `${issuer}/protocol/openid-connect/certs` });
    if (request.url === `${ISSUER_PATH}/protocol/openid-connect/certs`) return json({ keys: [jwk] });
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}${ISSUER_PATH}`;
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('users, keys, four-eyes and single sign-on over HTTP', () => {
  let api: Harness;
  let idp: { issuer: string; close(): Promise<void> };
  let signingKey: KeyLike;
  let otherKey: KeyLike;
  const log: string[] = [];
  /** Every credential this test has seen: none may appear in the server's log. */
  const credentials: string[] = Object.values(TEST_KEYS);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    idp = await startIssuer({ ...(await exportJWK(pair.publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' });
    api = await startHarness({
      env: {
        LOG_LEVEL: 'info',
        LEDGER_OIDC_ISSUER: idp.issuer,
        LEDGER_OIDC_AUDIENCE: AUDIENCE,
        LEDGER_OIDC_ROLES_CLAIM: 'realm_access.roles',
        LEDGER_OIDC_ROLE_MAP: 'ledger-finance=finance,ledger-backoffice=backoffice',
      },
      logDestination: { write: (line: string) => void log.push(line) },
    });
  });
  afterAll(async () => {
    await api?.close();
    await idp?.close();
  });

  const as = (credential: string) => ({ role: null, headers: { authorization: `Bearer ${credential}` } });

  async function createUser(userId: string, displayName: string, roles: string[]) {
    const res = await api.request('POST', '/admin/users', {
      role: 'admin',
      body: { commandId: commandId(), userId, displayName, roles },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ userId, apiKey: expect.stringMatching(/^ledger_/) });
    credentials.push(res.body.apiKey);
    return res.body.apiKey as string;
  }

  async function token(
    claims: Record<string, unknown>,
    options: { key?: KeyLike; audience?: string; expiresIn?: string } = {},
  ) {
    const jwt = await new SignJWT({ realm_access: { roles: ['ledger-finance'] }, name: 'Sanne Single', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key-1' })
      .setIssuer(idp.issuer)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject('f3a1c2d4-0000-4000-8000-000000000001')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.key ?? signingKey);
    credentials.push(jwt);
    return jwt;
  }

  /** An overpayment of `refundCents` on an invoice of 1,210.00, owed back to the customer. */
  async function owedRefund(key: string, customerId: string, refundCents: number) {
    const send = async (route: string, body: Record<string, unknown>) => {
      const res = await api.request('POST', route, { ...as(key), body: { commandId: commandId(), ...body } });
      expect(res.status).toBe(201);
      return res.body;
    };
    const offeringId = newId('off');
    await send('/offerings', {
      offeringId,
      title: 'Course',
      rulebookId: 'plusport',
      kind: 'classroom',
      startsAt: '2024-06-01T09:00:00+02:00',
      components: [{ kind: 'classroom', priceCents: 100_000 }],
    });
    const learnerId = newId('learner');
    await send('/learners', {
      learnerId,
      name: 'L. Leerling',
      email: 'l@example.nl',
      registeredAt: '2024-01-02T10:00:00+01:00',
    });
    const enrolment = await send('/enrolments', {
      enrolmentId: newId('enr'),
      offeringId,
      learnerId,
      customerId,
      registeredAt: '2024-05-01T10:00:00+02:00',
    });
    const paid = await send('/payments', {
      paymentId: newId('pay'),
      invoiceId: enrolment.invoice.invoiceId,
      amountCents: 121_000 + refundCents,
      receivedAt: '2024-05-10T10:00:00+02:00',
    });
    const refundId = paid.events.find((e: { type: string }) => e.type === 'RefundEntitlementGranted').data.refundId;
    return { refundId: refundId as string, ownerStream: paid.streamId as string };
  }

  async function registerCustomer(key: string) {
    const customerId = newId('cust');
    const res = await api.request('POST', '/customers', {
      ...as(key),
      body: {
        commandId: commandId(),
        customerId,
        kind: 'consumer',
        name: 'C. Klant',
        email: 'c.klant@example.nl',
        registeredAt: '2024-01-02T10:00:00+01:00',
      },
    });
    expect(res.status).toBe(201);
    return customerId;
  }

  it('an admin creates two users; A acts in person, A payout of 2,100.00 waits for B, A cannot approve it, B can; deactivated A gets 401', async () => {
    const userA = newId('anna');
    const userB = newId('bram');
    const keyA = await createUser(userA, 'Anna de Vries', ['backoffice', 'finance']);
    const keyB = await createUser(userB, 'Bram Jansen', ['finance']);
    // The key is shown once: a resend of the same command registers nothing and shows no key.
    const service = {
      commandId: commandId(),
      userId: newId('crm'),
      displayName: 'CRM sync',
      roles: ['backoffice'],
      kind: 'service',
    };
    const first = await api.request('POST', '/admin/users', { role: 'admin', body: service });
    credentials.push(first.body.apiKey);
    const registeredAgain = await api.request('POST', '/admin/users', { role: 'admin', body: service });
    expect(registeredAgain.status).toBe(201);
    expect(registeredAgain.body).toMatchObject({ userId: service.userId, keyId: first.body.keyId, apiKey: null });
    expect((await api.request('GET', `/admin/users/${service.userId}`)).body.keys).toHaveLength(1);
    // Only an admin registers users.
    const byFinance = await api.request('POST', '/admin/users', {
      ...as(keyB),
      body: { ...service, commandId: commandId() },
    });
    expect(byFinance.status).toBe(403);
    const user = await api.request('GET', `/admin/users/${userA}`);
    expect(user.body).toMatchObject({
      userId: userA,
      roles: ['backoffice', 'finance'],
      status: 'active',
      kind: 'person',
    });
    expect(JSON.stringify(user.body)).not.toMatch(/keyHash|salt/);

    // A command by A records A in its events' metadata, and the stream view names A as of then.
    const customerId = await registerCustomer(keyA);
    const stream = await api.request('GET', `/streams/customer-${customerId}/events`, { role: 'auditor' });
    expect(stream.body.events[0].actor).toEqual({
      userId: userA,
      kind: 'person',
      authMethod: 'api-key',
      origin: 'api',
      displayName: 'Anna de Vries',
    });

    const { refundId, ownerStream } = await owedRefund(keyA, customerId, 210_000);
    const eventsBefore = (await api.request('GET', `/streams/${ownerStream}/events`, { role: 'auditor' })).body.events
      .length;

    const payout = {
      commandId: commandId(),
      amountCents: 210_000,
      paidAt: '2024-05-20T10:00:00+02:00',
      reference: 'batch-1',
    };
    const held = await api.request('POST', `/refunds/${refundId}/payments`, { ...as(keyA), body: payout });
    expect(held.status).toBe(202);
    expect(held.body.approval).toMatchObject({ status: 'pending', amountCents: 210_000 });
    const approvalId = held.body.approval.approvalId as string;
    // Sent again: the same approval, still one.
    const again = await api.request('POST', `/refunds/${refundId}/payments`, { ...as(keyA), body: payout });
    expect(again.status).toBe(202);
    expect(again.body.approval.approvalId).toBe(approvalId);
    const pending = await api.request('GET', '/approvals?status=pending', { role: 'finance' });
    expect(pending.body.approvals.filter((a: { approvalId: string }) => a.approvalId === approvalId)).toHaveLength(1);
    expect((await api.request('GET', `/streams/${ownerStream}/events`, { role: 'auditor' })).body.events).toHaveLength(
      eventsBefore,
    );

    const own = await api.request('POST', `/approvals/${approvalId}/approve`, {
      ...as(keyA),
      body: { commandId: commandId() },
    });
    expect(own.status).toBe(403);
    expect(own.body.error).toBe('OWN_APPROVAL');
    // Approving needs the finance role: a backoffice key may not.
    const backoffice = await api.request('POST', `/approvals/${approvalId}/approve`, {
      role: 'backoffice',
      body: { commandId: commandId() },
    });
    expect(backoffice.status).toBe(403);

    const approved = await api.request('POST', `/approvals/${approvalId}/approve`, {
      ...as(keyB),
      body: { commandId: commandId() },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: { userId: userB } });
    // As the approvals read model keeps it: where the approved command's events went.
    const shown = await api.request('GET', `/approvals/${approvalId}`, { role: 'auditor' });
    expect(shown.body).toMatchObject({
      approvalId,
      status: 'approved',
      amountCents: 210_000,
      requestedBy: { userId: userA },
      executed: { streamId: ownerStream },
    });
    const after = (await api.request('GET', `/streams/${ownerStream}/events`, { role: 'auditor' })).body.events;
    const refundPaid = after.find((e: { type: string }) => e.type === 'RefundPaid');
    expect(refundPaid.data).toMatchObject({ refundId, amountCents: 210_000 });
    expect(refundPaid.actor).toMatchObject({ userId: userA, displayName: 'Anna de Vries' });
    const refund = await api.request('GET', `/refunds/${refundId}`, { role: 'finance' });
    expect(refund.body).toMatchObject({ outstandingCents: 0 });
    // The payout event records who approved it; the approval is in the log too.
    const approvals = await api.request('GET', '/streams/approvals/events', { role: 'auditor' });
    expect(approvals.body.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['ApprovalRequested', 'ApprovalGranted']),
    );
    // A's resend now answers with the payout itself, paid once.
    const resent = await api.request('POST', `/refunds/${refundId}/payments`, { ...as(keyA), body: payout });
    expect(resent.status).toBe(201);
    expect((await api.request('GET', `/streams/${ownerStream}/events`, { role: 'auditor' })).body.events).toHaveLength(
      after.length,
    );

    // A second key for A; deactivation stops both at once.
    const secondKeyA = await api.request('POST', `/admin/users/${userA}/keys`, {
      role: 'admin',
      body: { commandId: commandId() },
    });
    expect(secondKeyA.status).toBe(201);
    credentials.push(secondKeyA.body.apiKey);

    const deactivated = await api.request('POST', `/admin/users/${userA}/deactivation`, {
      role: 'admin',
      body: { commandId: commandId() },
    });
    expect(deactivated.status).toBe(200);
    for (const key of [keyA, secondKeyA.body.apiKey]) {
      const refused = await api.request('GET', `/refunds/${refundId}`, as(key));
      expect(refused.status).toBe(401);
    }
    expect((await api.request('GET', `/refunds/${refundId}`, as(keyB))).status).toBe(200);
  });

  it('a held payout can be rejected by another finance user; nothing is paid, and it cannot be approved after', async () => {
    const requesterId = newId('rita');
    const requester = await createUser(requesterId, 'Rita Visser', ['backoffice']);
    const approver = await createUser(newId('ruud'), 'Ruud Bakker', ['finance']);
    const { refundId, ownerStream } = await owedRefund(requester, await registerCustomer(requester), 150_000);
    const length = async () =>
      (await api.request('GET', `/streams/${ownerStream}/events`, { role: 'auditor' })).body.events.length;
    const before = await length();
    // 1,000.00 is not above the threshold: paid at once.
    const small = await api.request('POST', `/refunds/${refundId}/payments`, {
      ...as(requester),
      body: { commandId: commandId(), amountCents: 100_000, paidAt: '2024-05-20T10:00:00+02:00', reference: 'b-1' },
    });
    expect(small.status).toBe(201);
    expect(await length()).toBe(before + 1);

    const second = await owedRefund(requester, await registerCustomer(requester), 100_001);
    const held = await api.request('POST', `/refunds/${second.refundId}/payments`, {
      ...as(requester),
      body: { commandId: commandId(), amountCents: 100_001, paidAt: '2024-05-20T10:00:00+02:00', reference: 'b-3' },
    });
    expect(held.status).toBe(202);
    const approvalId = held.body.approval.approvalId;
    // A requester deactivated since is not acted for: the request can only be rejected.
    await api.request('POST', `/admin/users/${requesterId}/deactivation`, {
      role: 'admin',
      body: { commandId: commandId() },
    });
    const forLeaver = await api.request('POST', `/approvals/${approvalId}/approve`, {
      ...as(approver),
      body: { commandId: commandId() },
    });
    expect(forLeaver.status).toBe(409);
    expect(forLeaver.body.error).toBe('REQUESTER_NOT_ACTIVE');
    const rejected = await api.request('POST', `/approvals/${approvalId}/rejection`, {
      ...as(approver),
      body: { commandId: commandId(), reason: 'Bank details not confirmed' },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Bank details not confirmed' });
    const late = await api.request('POST', `/approvals/${approvalId}/approve`, {
      ...as(approver),
      body: { commandId: commandId() },
    });
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('APPROVAL_NOT_PENDING');
    const refund = await api.request('GET', `/refunds/${second.refundId}`, { role: 'finance' });
    expect(refund.body).toMatchObject({ outstandingCents: 100_001 });
    const listed = await api.request('GET', '/approvals?status=rejected', { role: 'auditor' });
    expect(listed.body.approvals.map((a: { approvalId: string }) => a.approvalId)).toContain(approvalId);
    const unknown = await api.request('POST', `/approvals/${commandId()}/rejection`, {
      ...as(approver),
      body: { commandId: commandId(), reason: 'no' },
    });
    expect(unknown.status).toBe(404);
  });

  it('a held payout sent again after its rejection gets 409 APPROVAL_REJECTED with who and why, not "pending"; a new command id asks again', async () => {
    const requester = await createUser(newId('rob'), 'Rob de Wit', ['backoffice']);
    const approver = await createUser(newId('roos'), 'Roos Smit', ['finance']);
    const { refundId, ownerStream } = await owedRefund(requester, await registerCustomer(requester), 120_000);
    const payout = {
      commandId: commandId(),
      amountCents: 120_000,
      paidAt: '2024-05-21T10:00:00+02:00',
      reference: 'b-9',
    };
    const held = await api.request('POST', `/refunds/${refundId}/payments`, { ...as(requester), body: payout });
    expect(held.status).toBe(202);
    const approvalId = held.body.approval.approvalId as string;
    const rejected = await api.request('POST', `/approvals/${approvalId}/rejection`, {
      ...as(approver),
      body: { commandId: commandId(), reason: 'Duplicate of last week' },
    });
    expect(rejected.status).toBe(200);
    const eventsOf = async (stream: string) =>
      (await api.request('GET', `/streams/${stream}/events`, { role: 'auditor' })).body.events.length;
    const [ownerBefore, approvalsBefore] = [await eventsOf(ownerStream), await eventsOf('approvals')];

    const resent = await api.request('POST', `/refunds/${refundId}/payments`, { ...as(requester), body: payout });
    expect(resent.status).toBe(409);
    expect(resent.body.error).toBe('APPROVAL_REJECTED');
    expect(resent.body.message).toContain('Duplicate of last week');
    expect(resent.body.message).toContain(approvalId);
    expect(resent.body.approval).toMatchObject({ approvalId, status: 'rejected', reason: 'Duplicate of last week' });
    expect([await eventsOf(ownerStream), await eventsOf('approvals')]).toEqual([ownerBefore, approvalsBefore]);

    const askedAgain = await api.request('POST', `/refunds/${refundId}/payments`, {
      ...as(requester),
      body: { ...payout, commandId: commandId() },
    });
    expect(askedAgain.status).toBe(202);
    expect(askedAgain.body.approval).toMatchObject({ status: 'pending' });
    expect(askedAgain.body.approval.approvalId).not.toBe(approvalId);
  });

  it('single sign-on: a token of the configured issuer works and creates the user; expired, wrong audience or wrongly signed tokens get 401', async () => {
    const good = await token({});
    const first = await api.request('GET', '/refunds?status=owed', as(good));
    expect(first.status).toBe(200);
    const listed = await api.request('GET', '/approvals', as(good));
    expect(listed.status).toBe(200);
    // The roles come from the claim: finance may not register customers.
    const forbidden = await api.request('POST', '/customers', {
      ...as(good),
      body: {
        commandId: commandId(),
        customerId: newId('c'),
        kind: 'consumer',
        name: 'X',
        email: 'x@example.nl',
        registeredAt: '2024-01-02T10:00:00+01:00',
      },
    });
    expect(forbidden.status).toBe(403);

    const expired = await token({}, { expiresIn: '-10m' });
    const wrongAudience = await token({}, { audience: 'another-api' });
    const wrongKey = await token({}, { key: otherKey });
    for (const bad of [expired, wrongAudience, wrongKey, `${good.slice(0, -4)}AAAA`]) {
      const res = await api.request('GET', '/refunds?status=owed', as(bad));
      expect(res.status).toBe(401);
    }

    // A command by the single sign-on user names them, authenticated by OIDC.
    const backofficeToken = await token({ realm_access: { roles: ['ledger-backoffice'] } });
    const customerId = newId('cust');
    const created = await api.request('POST', '/customers', {
      ...as(backofficeToken),
      body: {
        commandId: commandId(),
        customerId,
        kind: 'consumer',
        name: 'Y',
        email: 'y@example.nl',
        registeredAt: '2024-01-02T10:00:00+01:00',
      },
    });
    expect(created.status).toBe(201);
    const stream = await api.request('GET', `/streams/customer-${customerId}/events`, { role: 'auditor' });
    expect(stream.body.events[0].actor).toMatchObject({
      userId: expect.stringMatching(/^sso-[0-9a-f]{20}$/),
      kind: 'person',
      authMethod: 'oidc',
      displayName: 'Sanne Single',
    });
  });

  it('keys only in the Authorization header; the server log holds no key or token', async () => {
    const key = credentials.find((c) => c.startsWith('ledger_'))!;
    const inQuery = await api.request('GET', `/refunds?status=owed&api_key=${encodeURIComponent(TEST_KEYS.finance)}`, {
      role: null,
    });
    expect(inQuery.status).toBe(401);
    await api.request('GET', `/refunds?status=owed&access_token=${encodeURIComponent(key)}`, { role: 'finance' });
    await api.request('GET', `/health?x=${encodeURIComponent(key)}`, { role: null });
    const text = log.join('');
    expect(text).toContain('/refunds');
    expect(text).toContain('[redacted]');
    for (const credential of credentials) expect(text.includes(credential)).toBe(false);
    // Not even the secret part of a personal key.
    for (const credential of credentials.filter((c) => c.startsWith('ledger_')))
      expect(text.includes(credential.slice(-43))).toBe(false);
  });
});

describe('bootstrap: cli users add prints a first admin key', () => {
  it('the key it prints works against the server started afterwards; cli history names the user as of each event', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bootstrap-'));
    try {
      const added = await runCli(dataDir, ['users', 'add', '--name', 'Anna de Vries', '--role', 'admin']);
      expect(added.code).toBe(0);
      expect(added.json).toMatchObject({
        userId: 'anna-de-vries',
        roles: ['admin'],
        apiKey: expect.stringMatching(/^ledger_anna-de-vries_/),
      });
      const api = await startHarness({ dataDir });
      let customerId: string;
      try {
        const headers = { authorization: `Bearer ${added.json.apiKey}` };
        customerId = newId('cust');
        const created = await api.request('POST', '/admin/users', {
          role: null,
          headers,
          body: { commandId: commandId(), userId: 'bram', displayName: 'Bram Jansen', roles: ['backoffice'] },
        });
        expect(created.status).toBe(201);
        const registered = await api.request('POST', '/customers', {
          role: null,
          headers: { authorization: `Bearer ${created.body.apiKey}` },
          body: {
            commandId: commandId(),
            customerId,
            kind: 'consumer',
            name: 'C. Klant',
            email: 'c@example.nl',
            registeredAt: '2024-01-02T10:00:00+01:00',
          },
        });
        expect(registered.status).toBe(201);
      } finally {
        await api.close();
      }
      const history = await runCli(dataDir, ['history', `customer-${customerId}`]);
      expect(history.code).toBe(0);
      expect(history.json.events[0].actor).toEqual({
        userId: 'bram',
        kind: 'person',
        authMethod: 'api-key',
        origin: 'api',
        displayName: 'Bram Jansen',
      });
      const users = await runCli(dataDir, ['history', 'user-anna-de-vries']);
      expect(users.json.events[0].actor).toMatchObject({ userId: 'svc-cli', origin: 'cli' });
      // The key is stored as a hash: the data directory holds no key.
      expect(readAllBytes(dataDir).includes(Buffer.from(added.json.apiKey.slice(-43)))).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
