/**
 * Bad-input campaign: thousands of generated bad requests against every endpoint the server
 * exposes. Holds when: no response is >= 500, none is 2xx, every 4xx is the docs/api.md error body
 * ({ error, message }) with a status that fits the defect and names the field, parameter, header
 * or rule, and the log head is where it was before (nothing appended).
 *
 * Transport-agnostic: the target is any running admin API on loopback whose data directory this
 * process can read (the in-process test harness or a server process from the build).
 */
import { createFixtures, type Fixtures } from '../fixtures';
import { send, type LedgerTarget, type RawResponse } from '../lib/http';
import { LogInspector } from '../lib/log-checks';
import { seededRandom } from '../lib/random';
import { discoverEndpoints, endpointName, probeRoles, type Endpoint } from './endpoints';
import { CATEGORIES, generate, unknownPath, type BadRequest, type Category, type DomainProbe } from './generator';

export interface BadInputOptions {
  target: LedgerTarget;
  requests: number;
  seed: number;
  concurrency?: number;
  /** LEDGER_BODY_LIMIT_BYTES of the target (default 262144). */
  bodyLimitBytes?: number;
  /** A request slower than this is a failure (the server must answer bad input quickly). */
  slowMs?: number;
  log?: (line: string) => void;
}

export type FailureKind =
  'server-error' | 'accepted' | 'no-response' | 'not-an-error-body' | 'unexpected-status' | 'unnamed' | 'slow';

export interface Failure {
  kind: FailureKind;
  requestId: number;
  category: Category;
  endpoint: string;
  defect: string;
  request: string;
  status: number | null;
  response: string;
  expected: { statuses: number[]; names: string[] };
}

export interface CategoryFigures {
  category: Category;
  sent: number;
  statuses: Record<string, number>;
  serverErrors: number;
  accepted: number;
  unnamed: number;
  otherFailures: number;
  maxMs: number;
}

export interface BadInputResult {
  seed: number;
  requested: number;
  sent: number;
  endpoints: {
    total: number;
    hit: number;
    commands: number;
    list: Array<{ endpoint: string; roles: string[]; public: boolean; command: boolean; sent: number }>;
  };
  byCategory: CategoryFigures[];
  statuses: Record<string, number>;
  failures: { total: number; byKind: Record<string, number>; first: Failure[] };
  log: {
    headBefore: number;
    headAfter: number;
    appended: Array<{
      position: number;
      streamId: string;
      type: string;
      commandId: string | null;
      requestId: number | null;
    }>;
  };
  healthAfter: number;
  fixtures: { skipped: string[] };
  droppedValues: string[];
  slowest: Array<{ requestId: number; endpoint: string; defect: string; ms: number; status: number | null }>;
  durationMs: number;
  ok: boolean;
}

const SAFE_TO_RUN = new Set(['/invoice-numbering/runs', '/admin/chain/verify', '/bank-statements']);
const MAX_FAILURES_KEPT = 60;

/** Well-formed commands the rules or missing resources refuse; each must be a 4xx naming the rule, field or resource. */
export function domainProbes(f: Fixtures): DomainProbe[] {
  const e = `/enrolments/${f.enrolmentId}`;
  return [
    {
      route: '/enrolments',
      method: 'POST',
      path: '/enrolments',
      body: {
        enrolmentId: 'reliability-new-enrolment',
        offeringId: 'reliability-no-offering',
        learnerId: f.learnerId,
        customerId: f.customerId,
        registeredAt: '2026-03-02T10:00:00+01:00',
      },
      names: ['offering'],
      statuses: [404],
      defect: 'unknown offering',
    },
    {
      route: '/enrolments',
      method: 'POST',
      path: '/enrolments',
      body: {
        enrolmentId: 'reliability-new-enrolment',
        offeringId: f.offeringId,
        learnerId: f.learnerId,
        customerId: 'reliability-no-customer',
        registeredAt: '2026-03-02T10:00:00+01:00',
      },
      names: ['customer'],
      statuses: [404],
      defect: 'unknown customer',
    },
    {
      route: '/enrolments',
      method: 'POST',
      path: '/enrolments',
      body: {
        enrolmentId: 'reliability-new-enrolment',
        offeringId: f.offeringId,
        learnerId: 'reliability-no-learner',
        customerId: f.customerId,
        registeredAt: '2026-03-02T10:00:00+01:00',
      },
      names: ['learner'],
      statuses: [404],
      defect: 'unknown learner',
    },
    {
      route: '/enrolments',
      method: 'POST',
      path: '/enrolments',
      body: {
        enrolmentId: f.enrolmentId,
        offeringId: f.offeringId,
        learnerId: f.learnerId,
        customerId: f.customerId,
        registeredAt: '2026-03-02T10:00:00+01:00',
      },
      names: ['enrolment', 'enrolmentId'],
      statuses: [409],
      defect: 'enrolment id taken',
    },
    {
      route: '/customers',
      method: 'POST',
      path: '/customers',
      body: {
        customerId: f.customerId,
        kind: 'consumer',
        name: 'Dubbel',
        email: 'dubbel@example.nl',
        registeredAt: '2026-01-05T10:00:00+01:00',
      },
      names: ['customer', 'customerId'],
      statuses: [409],
      defect: 'customer id taken',
    },
    {
      route: '/enrolments/{enrolmentId}/exam-results',
      method: 'POST',
      path: `${e}/exam-results`,
      body: { sittingAt: '2026-04-20T10:00:00+02:00', score: 11, maxScore: 10, identified: true },
      names: ['score', 'maxScore'],
      statuses: [400, 422],
      defect: 'score above maxScore',
    },
    {
      route: '/enrolments/{enrolmentId}/reschedules',
      method: 'POST',
      path: `${e}/reschedules`,
      body: { requestedAt: '2026-03-10T10:00:00+01:00', newStartsAt: '2026-03-09T09:00:00+01:00' },
      names: ['newStartsAt', '*rule'],
      statuses: [400, 422],
      defect: 'new date before the request',
    },
    {
      route: '/enrolments/{enrolmentId}/evidence',
      method: 'POST',
      path: `${e}/evidence`,
      body: { receivedAt: '2026-03-10T10:00:00+01:00', kind: 'medical-certificate' },
      names: ['evidence', 'cancel', '*rule'],
      statuses: [400, 409, 422],
      defect: 'evidence without a pending cancellation',
    },
    {
      route: '/payments',
      method: 'POST',
      path: '/payments',
      body: {
        paymentId: 'reliability-new-payment',
        invoiceId: 'reliability-no-invoice',
        amountCents: 100,
        receivedAt: '2026-03-10T10:00:00+01:00',
      },
      names: ['invoice'],
      statuses: [404],
      defect: 'unknown invoice',
    },
    {
      route: '/payments',
      method: 'POST',
      path: '/payments',
      body: {
        paymentId: f.paymentId,
        invoiceId: f.invoiceId,
        amountCents: 100,
        receivedAt: '2026-03-10T10:00:00+01:00',
      },
      names: ['payment', 'paymentId'],
      statuses: [409],
      defect: 'payment id taken',
    },
    {
      route: '/participants/{participantId}/licences',
      method: 'POST',
      path: `/participants/${f.participantId}/licences`,
      body: { licenceId: 'reliability-new-licence', learnerId: f.learnerId, registeredAt: '2026-03-10T10:00:00+01:00' },
      names: ['*rule', 'learner'],
      statuses: [404, 422],
      defect: 'learner not employed by the participant',
    },
    {
      route: '/participants/{participantId}/licences',
      method: 'POST',
      path: '/participants/reliability-no-participant/licences',
      body: {
        licenceId: 'reliability-new-licence',
        learnerId: f.spotLearnerId,
        registeredAt: '2026-03-10T10:00:00+01:00',
      },
      names: ['participant', '*rule'],
      statuses: [404, 422],
      defect: 'unknown participant',
    },
    {
      route: '/participants/{participantId}/coordinators',
      method: 'POST',
      path: '/participants/reliability-no-participant/coordinators',
      body: { personId: 'reliability-person', location: 'Utrecht' },
      names: ['participant'],
      statuses: [404, 422],
      defect: 'coordinator of an unknown participant',
    },
    {
      route: '/licences/{licenceId}/revocations',
      method: 'POST',
      path: '/licences/reliability-no-licence/revocations',
      body: { at: '2026-03-10T10:00:00+01:00', reason: 'conduct' },
      names: ['licence'],
      statuses: [404],
      defect: 'unknown licence',
    },
    {
      route: '/offerings/{offeringId}/price-changes',
      method: 'POST',
      path: '/offerings/reliability-no-offering/price-changes',
      body: {
        changeId: 'reliability-change',
        changedAt: '2026-03-10T10:00:00+01:00',
        components: [{ kind: 'classroom', priceCents: 100 }],
      },
      names: ['offering'],
      statuses: [404],
      defect: 'price change of an unknown offering',
    },
    {
      route: '/refunds/{refundId}/payments',
      method: 'POST',
      path: `/refunds/${f.refundId}/payments`,
      body: { amountCents: 999_999_999, paidAt: '2026-03-20T10:00:00+01:00', reference: 'batch-1' },
      names: ['*rule', 'amountCents', 'refund'],
      statuses: [404, 409, 422],
      defect: 'refund payout above the entitlement',
    },
    {
      route: '/payments/{paymentId}/reversals',
      method: 'POST',
      path: `/payments/${f.paymentId}/reversals`,
      body: { reversedAt: '2026-01-01T10:00:00+01:00', reason: 'booking error' },
      names: ['reversedAt', 'payment'],
      statuses: [400, 404],
      defect: 'reversal before the payment',
    },
    {
      route: '/invoices/{invoiceId}/reminders',
      method: 'POST',
      path: `/invoices/${f.invoiceId}/reminders`,
      body: { sentAt: '2026-03-03T10:00:00+01:00' },
      names: ['*rule', 'invoice', 'sentAt'],
      statuses: [404, 409, 422],
      defect: 'reminder before the invoice is due',
    },
    {
      route: '/enrolments/{enrolmentId}/cancellations',
      method: 'POST',
      path: '/enrolments/reliability-no-enrolment/cancellations',
      body: { requestedAt: '2026-03-10T10:00:00+01:00', reason: 'regular' },
      names: ['enrolment'],
      statuses: [404],
      defect: 'cancellation of an unknown enrolment',
    },
    {
      route: '/complaints/{complaintId}/answers',
      method: 'POST',
      path: '/complaints/reliability-no-complaint/answers',
      body: { answeredAt: '2026-03-10T10:00:00+01:00' },
      names: ['complaint'],
      statuses: [404],
      defect: 'answer to an unknown complaint',
    },
    {
      route: '/learners/{learnerId}/erasure',
      method: 'POST',
      path: '/learners/reliability-no-learner/erasure',
      body: {},
      names: ['learner'],
      statuses: [404],
      defect: 'erasure of an unknown learner',
    },
    {
      route: '/customers/{customerId}/erasure',
      method: 'POST',
      path: '/customers/reliability-no-customer/erasure',
      body: {},
      names: ['customer'],
      statuses: [404],
      defect: 'erasure of an unknown customer',
    },
  ];
}

/** True when a 4xx body names one of the names: in `fields[].field`, as `ruleId` ('*rule': any rule id), or in `message`. */
export function namesOneOf(body: unknown, names: readonly string[]): boolean {
  if (!body || typeof body !== 'object') return false;
  const b = body as { fields?: unknown; message?: unknown; ruleId?: unknown; error?: unknown };
  const fields = Array.isArray(b.fields)
    ? b.fields.map((f) => String((f as { field?: unknown })?.field ?? '').toLowerCase())
    : [];
  const message = typeof b.message === 'string' ? b.message.toLowerCase() : '';
  const error = typeof b.error === 'string' ? b.error.toLowerCase() : '';
  for (const name of names) {
    if (name === '*rule') {
      if (typeof b.ruleId === 'string' && b.ruleId.length > 0) return true;
      continue;
    }
    const n = name.toLowerCase();
    if (n.length === 0) continue;
    if (fields.some((f) => f === n || f.startsWith(`${n}.`) || n.startsWith(`${f}.`))) return true;
    if (message.includes(n)) return true;
    if (error.includes(n.replace(/[^a-z0-9]+/g, '_'))) return true;
  }
  return false;
}

const isErrorBody = (body: unknown): boolean =>
  !!body &&
  typeof body === 'object' &&
  typeof (body as { error?: unknown }).error === 'string' &&
  typeof (body as { message?: unknown }).message === 'string';

function describe(request: BadRequest): string {
  const body =
    request.body === undefined
      ? ''
      : ` ${request.body.length > 300 ? `${request.body.slice(0, 300)}... (${request.body.length} bytes)` : request.body}`;
  const headers = Object.entries(request.headers)
    .filter(([name]) => name !== 'authorization')
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');
  const auth =
    request.headers['authorization'] === undefined ? 'no key' : request.headers['authorization'].slice(0, 40);
  return `${request.method} ${request.path.slice(0, 300)} [${auth}${headers ? `; ${headers}` : ''}]${body}`;
}

export function classify(
  request: BadRequest,
  response: RawResponse | undefined,
  slowMs: number,
): FailureKind | undefined {
  if (!response) return 'no-response';
  if (response.status >= 500) return 'server-error';
  if (response.status < 400) return 'accepted';
  if (!isErrorBody(response.json)) return 'not-an-error-body';
  if (request.statuses.length > 0 && !request.statuses.includes(response.status)) return 'unexpected-status';
  if (!namesOneOf(response.json, request.names)) return 'unnamed';
  if (response.ms > slowMs) return 'slow';
  return undefined;
}

export async function runBadInputCampaign(options: BadInputOptions): Promise<BadInputResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const { target, seed } = options;
  const random = seededRandom(seed);
  const slowMs = options.slowMs ?? 5_000;

  const fixtures = await createFixtures(target, `bad${seed}`, random);
  if (fixtures.skipped.length > 0) log(`fixtures skipped: ${fixtures.skipped.join(' | ')}`);
  const endpoints = await discoverEndpoints(target);
  await probeRoles(
    target,
    endpoints,
    (endpoint) => unknownPath(endpoint),
    (endpoint) => SAFE_TO_RUN.has(endpoint.template),
  );
  log(`${endpoints.length} endpoints (${endpoints.filter((e) => e.command).length} commands) from /docs-json`);

  const inspector = LogInspector.open(target.dataDir);
  try {
    const headBefore = await inspector.head();
    const { requests, droppedValues } = generate(endpoints, options.requests, {
      random,
      fixtures,
      keys: target.keys,
      bodyLimitBytes: options.bodyLimitBytes ?? 256 * 1024,
      domainProbes: domainProbes(fixtures),
    });
    log(`${requests.length} bad requests generated (seed ${seed})`);

    const responses: Array<RawResponse | undefined> = new Array(requests.length);
    const errors: string[] = new Array(requests.length);
    let next = 0;
    const concurrency = Math.max(1, options.concurrency ?? 8);
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests.length) {
          const index = next++;
          const request = requests[index]!;
          try {
            responses[index] = await send(target.baseUrl, {
              method: request.method,
              path: request.path,
              headers: request.headers,
              ...(request.body !== undefined ? { body: request.body } : {}),
              timeoutMs: Math.max(slowMs * 4, 20_000),
            });
          } catch (error) {
            errors[index] = error instanceof Error ? error.message : String(error);
          }
          if ((index + 1) % 2_000 === 0) log(`  ${index + 1}/${requests.length}`);
        }
      }),
    );

    const failures: Failure[] = [];
    const byKind: Record<string, number> = {};
    const statuses: Record<string, number> = {};
    const categories = new Map<Category, CategoryFigures>(
      CATEGORIES.map((c) => [
        c,
        { category: c, sent: 0, statuses: {}, serverErrors: 0, accepted: 0, unnamed: 0, otherFailures: 0, maxMs: 0 },
      ]),
    );
    const sentPerEndpoint = new Map<string, number>();
    requests.forEach((request, index) => {
      const response = responses[index];
      const figures = categories.get(request.category)!;
      figures.sent += 1;
      sentPerEndpoint.set(request.endpoint, (sentPerEndpoint.get(request.endpoint) ?? 0) + 1);
      const status = response ? String(response.status) : 'none';
      figures.statuses[status] = (figures.statuses[status] ?? 0) + 1;
      statuses[status] = (statuses[status] ?? 0) + 1;
      figures.maxMs = Math.max(figures.maxMs, Math.round(response?.ms ?? 0));
      const kind = classify(request, response, slowMs);
      if (!kind) return;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      if (kind === 'server-error') figures.serverErrors += 1;
      else if (kind === 'accepted') figures.accepted += 1;
      else if (kind === 'unnamed') figures.unnamed += 1;
      else figures.otherFailures += 1;
      if (failures.length < MAX_FAILURES_KEPT) {
        failures.push({
          kind,
          requestId: request.id,
          category: request.category,
          endpoint: request.endpoint,
          defect: request.defect,
          request: describe(request),
          status: response?.status ?? null,
          response: response ? response.text.slice(0, 400) : (errors[index] ?? 'no response'),
          expected: { statuses: request.statuses, names: request.names },
        });
      }
    });

    const headAfter = await inspector.head();
    const byCommand = new Map(requests.filter((r) => r.commandId).map((r) => [r.commandId!, r.id]));
    const appended = (await inspector.eventsAfter(headBefore, 1_000)).map((event) => {
      const commandId = typeof event.metadata.commandId === 'string' ? event.metadata.commandId : null;
      return {
        position: event.position,
        streamId: event.streamId,
        type: event.type,
        commandId,
        requestId: commandId ? (byCommand.get(commandId) ?? null) : null,
      };
    });
    const health = await send(target.baseUrl, { method: 'GET', path: '/health', timeoutMs: 10_000 }).catch(
      () => undefined,
    );

    const slowest = requests
      .map((request, index) => ({
        requestId: request.id,
        endpoint: request.endpoint,
        defect: request.defect,
        ms: Math.round(responses[index]?.ms ?? -1),
        status: responses[index]?.status ?? null,
      }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5);
    const failureTotal = Object.values(byKind).reduce((sum, n) => sum + n, 0);
    return {
      seed,
      requested: options.requests,
      sent: requests.length,
      endpoints: {
        total: endpoints.length,
        hit: [...sentPerEndpoint.keys()].filter((name) => endpoints.some((e) => endpointName(e) === name)).length,
        commands: endpoints.filter((e) => e.command).length,
        list: endpoints.map((e: Endpoint) => ({
          endpoint: endpointName(e),
          roles: e.roles,
          public: e.public,
          command: e.command,
          sent: sentPerEndpoint.get(endpointName(e)) ?? 0,
        })),
      },
      byCategory: [...categories.values()].filter((c) => c.sent > 0),
      statuses,
      failures: { total: failureTotal, byKind, first: failures },
      log: { headBefore, headAfter, appended },
      healthAfter: health?.status ?? 0,
      fixtures: { skipped: fixtures.skipped },
      droppedValues,
      slowest,
      durationMs: Date.now() - started,
      ok: failureTotal === 0 && headAfter === headBefore && health?.status === 200,
    };
  } finally {
    await inspector.close();
  }
}
