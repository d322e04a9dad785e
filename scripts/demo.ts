/**
 * Demo data: a living ledger across the five rulebooks, loaded through the public admin API only,
 * so it exercises exactly what a client does. Command ids derive from the demo's own ids, so
 * loading twice returns the first responses and appends nothing.
 *
 *   npm run demo                                 # into the embedded store in LEDGER_DATA_DIR (./data)
 *   npm run demo -- --url http://localhost:3000 --key <admin key>   # into a running ledger
 */
import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { registerDemoParticipant } from '../apps/admin-api/src/licences/demo';

export type DemoCall = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<{ status: number; body: any }>;

export function demoId(seed: string): string {
  const hex = createHash('sha256').update(`ledger-demo:${seed}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface DemoSummary {
  customers: number;
  learners: number;
  offerings: number;
  enrolments: number;
  decisions: string[];
  participants: number;
  licences: number;
}

const CUSTOMERS = [
  { customerId: 'demo-cust-jansen', kind: 'consumer', name: 'Marieke Jansen', email: 'marieke.jansen@example.nl' },
  { customerId: 'demo-cust-bakker', kind: 'consumer', name: 'Ruud Bakker', email: 'ruud.bakker@example.nl' },
  { customerId: 'demo-cust-visser', kind: 'consumer', name: 'Sanne Visser', email: 'sanne.visser@example.nl' },
  {
    customerId: 'demo-cust-bouwnoord',
    kind: 'business',
    name: 'Bouwbedrijf Noord B.V.',
    email: 'opleidingen@bouwnoord.example',
  },
  {
    customerId: 'demo-cust-transportzuid',
    kind: 'business',
    name: 'Transport Zuid B.V.',
    email: 'hr@transportzuid.example',
  },
] as const;

const LEARNERS = [
  { learnerId: 'demo-lrn-marieke', name: 'Marieke Jansen', email: 'marieke.jansen@example.nl' },
  { learnerId: 'demo-lrn-ruud', name: 'Ruud Bakker', email: 'ruud.bakker@example.nl' },
  { learnerId: 'demo-lrn-sanne', name: 'Sanne Visser', email: 'sanne.visser@example.nl' },
  {
    learnerId: 'demo-lrn-kees',
    name: 'Kees de Groot',
    email: 'kees.degroot@bouwnoord.example',
    employerId: 'demo-cust-bouwnoord',
  },
  {
    learnerId: 'demo-lrn-ahmed',
    name: 'Ahmed El Amrani',
    email: 'ahmed.elamrani@bouwnoord.example',
    employerId: 'demo-cust-bouwnoord',
  },
  {
    learnerId: 'demo-lrn-lisa',
    name: 'Lisa Mulder',
    email: 'lisa.mulder@transportzuid.example',
    employerId: 'demo-cust-transportzuid',
  },
] as const;

const OFFERINGS = [
  {
    offeringId: 'demo-pp-vca',
    rulebookId: 'plusport',
    kind: 'classroom',
    title: 'VCA Basis (klassikaal)',
    startsAt: '2026-04-16T09:00:00+02:00',
    components: [{ kind: 'classroom', priceCents: 29_500 }],
    rescheduleAsCancellation: true,
  },
  {
    offeringId: 'demo-pp-nen3140',
    rulebookId: 'plusport',
    kind: 'package-exam',
    title: 'NEN 3140 e-learning + examen',
    startsAt: '2026-05-18T09:00:00+02:00',
    components: [
      { kind: 'e-learning', priceCents: 12_500 },
      { kind: 'exam', priceCents: 17_500 },
    ],
  },
  {
    offeringId: 'demo-pp-heftruck',
    rulebookId: 'plusport',
    kind: 'package-practical',
    title: 'Heftruck e-learning + praktijk',
    startsAt: '2026-04-22T09:00:00+02:00',
    components: [
      { kind: 'e-learning', priceCents: 9_500 },
      { kind: 'practical-session', priceCents: 34_500 },
    ],
  },
  {
    offeringId: 'demo-vli-adr',
    rulebookId: 'vli',
    kind: 'training',
    title: 'ADR basis gevaarlijke stoffen',
    startsAt: '2026-04-09T08:30:00+02:00',
    components: [{ kind: 'classroom', priceCents: 64_500 }],
    examType: 'standard',
  },
  {
    offeringId: 'demo-exc-bhv',
    rulebookId: 'excellus',
    kind: 'contact-course',
    title: 'BHV basis (vaste startdatum)',
    startsAt: '2026-09-14T09:00:00+02:00',
    components: [{ kind: 'classroom', priceCents: 85_000 }],
  },
  {
    offeringId: 'demo-exc-examen',
    rulebookId: 'excellus',
    kind: 'exam-only',
    title: 'Examen Leidinggevende',
    startsAt: '2026-06-15T13:00:00+02:00',
    components: [{ kind: 'exam', priceCents: 27_500 }],
  },
  // Offerings of the cases catalogue revision 2 decides differently (docs/regulations.md, corrections).
  {
    offeringId: 'demo-pp-heftruck-praktijk',
    rulebookId: 'plusport',
    kind: 'practical-training',
    title: 'Praktijkopleiding Heftruck',
    startsAt: '2026-06-15T09:00:00+02:00',
    components: [
      { kind: 'practical-session', priceCents: 34_500 },
      { kind: 'e-learning', priceCents: 9_500 },
    ],
  },
  {
    offeringId: 'demo-pp-boek-examen',
    rulebookId: 'plusport',
    kind: 'book-exam',
    title: 'VCA lesboek + examen',
    startsAt: '2026-06-22T09:00:00+02:00',
    components: [
      { kind: 'textbook', priceCents: 4_500 },
      { kind: 'exam', priceCents: 17_500 },
    ],
  },
  {
    offeringId: 'demo-exc-examen-online',
    rulebookId: 'excellus',
    kind: 'exam-only',
    title: 'Examen Preventiemedewerker met e-learning',
    startsAt: '2026-09-21T13:00:00+02:00',
    components: [
      { kind: 'exam', priceCents: 27_500 },
      { kind: 'e-learning', priceCents: 15_000 },
    ],
  },
  {
    offeringId: 'demo-loi-boekhouden',
    rulebookId: 'loi',
    kind: 'home-study',
    title: 'Praktijkdiploma Boekhouden',
    startsAt: '2026-02-23T00:00:00+01:00',
    components: [{ kind: 'tuition', priceCents: 8_900 }],
    level: 'other',
    studyMonths: 12,
    tutor: true,
    recognised: false,
  },
] as const;

interface DemoEnrolment {
  enrolmentId: string;
  offeringId: string;
  learnerId: string;
  customerId: string;
  registeredAt: string;
}

const ENROLMENTS: DemoEnrolment[] = [
  {
    enrolmentId: 'demo-enr-vca-kees',
    offeringId: 'demo-pp-vca',
    learnerId: 'demo-lrn-kees',
    customerId: 'demo-cust-bouwnoord',
    registeredAt: '2026-02-02T10:00:00+01:00',
  },
  {
    enrolmentId: 'demo-enr-vca-ahmed',
    offeringId: 'demo-pp-vca',
    learnerId: 'demo-lrn-ahmed',
    customerId: 'demo-cust-bouwnoord',
    registeredAt: '2026-02-02T10:05:00+01:00',
  },
  {
    enrolmentId: 'demo-enr-nen-ruud',
    offeringId: 'demo-pp-nen3140',
    learnerId: 'demo-lrn-ruud',
    customerId: 'demo-cust-bakker',
    registeredAt: '2026-03-02T20:15:00+01:00',
  },
  {
    enrolmentId: 'demo-enr-heftruck-lisa',
    offeringId: 'demo-pp-heftruck',
    learnerId: 'demo-lrn-lisa',
    customerId: 'demo-cust-transportzuid',
    registeredAt: '2026-03-03T09:00:00+01:00',
  },
  {
    enrolmentId: 'demo-enr-adr-lisa',
    offeringId: 'demo-vli-adr',
    learnerId: 'demo-lrn-lisa',
    customerId: 'demo-cust-transportzuid',
    registeredAt: '2026-03-04T11:00:00+01:00',
  },
  {
    enrolmentId: 'demo-enr-bhv-sanne',
    offeringId: 'demo-exc-bhv',
    learnerId: 'demo-lrn-sanne',
    customerId: 'demo-cust-visser',
    registeredAt: '2026-05-04T19:30:00+02:00',
  },
  {
    enrolmentId: 'demo-enr-bhv-marieke',
    offeringId: 'demo-exc-bhv',
    learnerId: 'demo-lrn-marieke',
    customerId: 'demo-cust-jansen',
    registeredAt: '2026-05-06T08:45:00+02:00',
  },
  {
    enrolmentId: 'demo-enr-examen-ruud',
    offeringId: 'demo-exc-examen',
    learnerId: 'demo-lrn-ruud',
    customerId: 'demo-cust-bakker',
    registeredAt: '2026-03-10T10:00:00+01:00',
  },
  {
    enrolmentId: 'demo-enr-praktijk-ahmed',
    offeringId: 'demo-pp-heftruck-praktijk',
    learnerId: 'demo-lrn-ahmed',
    customerId: 'demo-cust-bouwnoord',
    registeredAt: '2026-03-16T09:00:00+01:00',
  },
  {
    enrolmentId: 'demo-enr-boek-sanne',
    offeringId: 'demo-pp-boek-examen',
    learnerId: 'demo-lrn-sanne',
    customerId: 'demo-cust-visser',
    registeredAt: '2026-04-01T10:00:00+02:00',
  },
  {
    enrolmentId: 'demo-enr-bhv-kees',
    offeringId: 'demo-exc-bhv',
    learnerId: 'demo-lrn-kees',
    customerId: 'demo-cust-bouwnoord',
    registeredAt: '2026-05-04T10:00:00+02:00',
  },
  {
    enrolmentId: 'demo-enr-examen-online-marieke',
    offeringId: 'demo-exc-examen-online',
    learnerId: 'demo-lrn-marieke',
    customerId: 'demo-cust-jansen',
    registeredAt: '2026-06-01T10:00:00+02:00',
  },
  {
    enrolmentId: 'demo-enr-loi-marieke',
    offeringId: 'demo-loi-boekhouden',
    learnerId: 'demo-lrn-marieke',
    customerId: 'demo-cust-jansen',
    registeredAt: '2026-02-01T12:00:00+01:00',
  },
];

/** Steps after registration: payments, reschedules, cancellations, results, terminations. */
function lifecycleSteps(
  invoices: Map<string, { invoiceId: string; totalCents: number }>,
): Array<{ path: string; body: Record<string, unknown> }> {
  const invoice = (enrolmentId: string) => {
    const found = invoices.get(enrolmentId);
    if (!found) throw new Error(`demo: no invoice for ${enrolmentId}`);
    return found;
  };
  const pay = (enrolmentId: string, receivedAt: string, amountCents = invoice(enrolmentId).totalCents) => ({
    path: '/payments',
    body: { paymentId: `demo-pay-${enrolmentId}`, invoiceId: invoice(enrolmentId).invoiceId, amountCents, receivedAt },
  });
  return [
    pay('demo-enr-vca-kees', '2026-02-20T10:00:00+01:00'),
    pay('demo-enr-vca-ahmed', '2026-02-20T10:00:00+01:00'),
    // PP-14.6: a VCA reschedule follows the cancellation table (8 working days before: 50 %).
    {
      path: '/enrolments/demo-enr-vca-ahmed/reschedules',
      body: { requestedAt: '2026-04-06T09:00:00+02:00', newStartsAt: '2026-05-21T09:00:00+02:00' },
    },
    pay('demo-enr-nen-ruud', '2026-03-05T08:00:00+01:00'),
    // PP-15.5-EL / EX: cancelled 6 weeks ahead; e-learning long after purchase is charged.
    {
      path: '/enrolments/demo-enr-nen-ruud/cancellations',
      body: { requestedAt: '2026-04-02T14:00:00+02:00', reason: 'regular', eLearningStarted: true },
    },
    pay('demo-enr-heftruck-lisa', '2026-03-20T10:00:00+01:00'),
    // PP-15.6: illness, proof within 7 days.
    {
      path: '/enrolments/demo-enr-heftruck-lisa/cancellations',
      body: { requestedAt: '2026-04-20T07:30:00+02:00', reason: 'illness' },
    },
    {
      path: '/enrolments/demo-enr-heftruck-lisa/evidence',
      body: { receivedAt: '2026-04-23T11:00:00+02:00', kind: 'medical-certificate' },
    },
    pay('demo-enr-adr-lisa', '2026-03-25T10:00:00+01:00'),
    // VLI-4.3a/b: 36/50 = 72 % fails; the resit 41/50 = 82 % passes.
    {
      path: '/enrolments/demo-enr-adr-lisa/exam-results',
      body: { sittingAt: '2026-04-09T15:00:00+02:00', score: 36, maxScore: 50, identified: true },
    },
    {
      path: '/enrolments/demo-enr-adr-lisa/exam-results',
      body: { sittingAt: '2026-04-30T15:00:00+02:00', score: 41, maxScore: 50, identified: true },
    },
    // EXC-4.2: a consumer withdraws within the 14-day cooling-off period.
    { path: '/enrolments/demo-enr-bhv-sanne/withdrawals', body: { requestedAt: '2026-05-12T21:00:00+02:00' } },
    pay('demo-enr-bhv-marieke', '2026-06-01T09:00:00+02:00'),
    // EXC-4.1 with EXC-I1: 3 weeks before the start falls in the catalogue's gap: 60 %.
    {
      path: '/enrolments/demo-enr-bhv-marieke/cancellations',
      body: { requestedAt: '2026-08-24T10:00:00+02:00', reason: 'regular' },
    },
    // The cases catalogue revision 2 corrected (docs/regulations.md, "Corrections"):
    // PP-I19: a Praktijkopleiding's e-learning is an extra service, free on cancellation.
    pay('demo-enr-praktijk-ahmed', '2026-03-20T10:00:00+01:00'),
    {
      path: '/enrolments/demo-enr-praktijk-ahmed/cancellations',
      body: { requestedAt: '2026-05-20T10:00:00+02:00', reason: 'regular' },
    },
    // PP-I18: a textbook that is not returned unused is charged, and the decision says why.
    pay('demo-enr-boek-sanne', '2026-04-03T10:00:00+02:00'),
    {
      path: '/enrolments/demo-enr-boek-sanne/cancellations',
      body: { requestedAt: '2026-06-01T10:00:00+02:00', reason: 'regular', textbookReturnedUnused: false },
    },
    // EXC-I3: the Excellus cooling-off is for business customers (instellingen) too.
    pay('demo-enr-bhv-kees', '2026-05-05T10:00:00+02:00'),
    {
      path: '/enrolments/demo-enr-bhv-kees/cancellations',
      body: { requestedAt: '2026-05-11T10:00:00+02:00', reason: 'regular' },
    },
    // EXC-I4: the e-learning counts as used once its login details were issued.
    pay('demo-enr-examen-online-marieke', '2026-06-03T10:00:00+02:00'),
    {
      path: '/enrolments/demo-enr-examen-online-marieke/cancellations',
      body: {
        requestedAt: '2026-07-01T10:00:00+02:00',
        reason: 'regular',
        eLearningStarted: false,
        credentialsIssuedAt: '2026-06-02T09:00:00+02:00',
      },
    },
    pay('demo-enr-loi-marieke', '2026-03-01T09:00:00+01:00', 40_000),
    // LOI-12.3-OV: the seed's example, start 23 Feb, notice received 20 Jun.
    { path: '/enrolments/demo-enr-loi-marieke/terminations', body: { requestedAt: '2026-06-20T10:00:00+02:00' } },
  ];
}

export async function loadDemo(call: DemoCall): Promise<DemoSummary> {
  const decisions: string[] = [];
  const post = async (path: string, body: Record<string, unknown>, seed: string) => {
    const response = await call('POST', path, { commandId: demoId(seed), ...body });
    if (response.status !== 200 && response.status !== 201)
      throw new Error(`demo: POST ${path} -> ${response.status} ${JSON.stringify(response.body)}`);
    for (const decision of response.body?.decisions ?? (response.body?.decision ? [response.body.decision] : []))
      decisions.push(decision.decisionId);
    return response.body;
  };
  for (const customer of CUSTOMERS)
    await post(
      '/customers',
      { ...customer, registeredAt: '2026-01-05T09:00:00+01:00' },
      `customer:${customer.customerId}`,
    );
  for (const learner of LEARNERS)
    await post('/learners', { ...learner, registeredAt: '2026-01-05T09:00:00+01:00' }, `learner:${learner.learnerId}`);
  for (const offering of OFFERINGS)
    await post(
      '/offerings',
      { ...offering, definedAt: '2026-01-02T09:00:00+01:00' },
      `offering:${offering.offeringId}`,
    );
  const invoices = new Map<string, { invoiceId: string; totalCents: number }>();
  for (const enrolment of ENROLMENTS) {
    const registered = await post('/enrolments', { ...enrolment }, `enrolment:${enrolment.enrolmentId}`);
    invoices.set(enrolment.enrolmentId, registered.invoice);
  }
  for (const [index, step] of lifecycleSteps(invoices).entries())
    await post(step.path, step.body, `step:${index}:${step.path}`);
  const { licenceIds } = await registerDemoParticipant(call, { licences: 24 });
  const scheduler = await call('POST', '/admin/scheduler/run', { until: '2026-07-01T00:00:00+02:00' });
  if (scheduler.status !== 200)
    throw new Error(`demo: scheduler run -> ${scheduler.status} ${JSON.stringify(scheduler.body)}`);
  return {
    customers: CUSTOMERS.length,
    learners: LEARNERS.length,
    offerings: OFFERINGS.length,
    enrolments: ENROLMENTS.length,
    decisions,
    participants: 1,
    licences: licenceIds.length,
  };
}

/** Loads the demo into a running ledger over HTTP (the key needs the admin role). */
export function loadDemoInto(baseUrl: string, key: string): Promise<DemoSummary> {
  return loadDemo(httpCall(baseUrl.replace(/\/$/, ''), key));
}

function httpCall(baseUrl: string, key: string): DemoCall {
  return async (method, path, body) => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const url = option('--url');
  if (url) {
    const key = option('--key') ?? process.env.LEDGER_DEMO_KEY;
    if (!key) throw new Error('--key <admin or backoffice+admin key> (or LEDGER_DEMO_KEY) is required with --url');
    printSummary(await loadDemoInto(url, key));
    return;
  }
  // Embedded: start the API in-process on the configured data directory with a one-off admin key.
  const { loadConfig } = await import('../libs/application/src');
  const { createAdminApi } = await import('../apps/admin-api/src/app.factory');
  const key = `demo-admin-${randomBytes(16).toString('hex')}`;
  const config = loadConfig({
    ...process.env,
    LEDGER_API_KEYS: `admin:${key}`,
    LEDGER_SCHEDULER_INTERVAL_MS: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const app = await createAdminApi({ config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { port } = app.getHttpServer().address() as { port: number };
    printSummary(await loadDemo(httpCall(`http://127.0.0.1:${port}`, key)));
    console.log(`Demo data is in ${config.dataDir}; start the ledger with npm start and browse /docs.`);
  } finally {
    await app.close();
  }
}

function printSummary(summary: DemoSummary): void {
  console.log(
    `Demo loaded: ${summary.customers} customers, ${summary.learners} learners, ${summary.offerings} offerings, ` +
      `${summary.enrolments} enrolments, ${summary.participants} SPOT participant with ${summary.licences} licences, ${summary.decisions.length} decisions.`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
