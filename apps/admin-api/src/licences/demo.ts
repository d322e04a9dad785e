/**
 * Demo data for SPOT licences, registered through the public API only (so it exercises exactly
 * what a client does). Command ids are derived from the participant and licence ids, so running
 * the demo twice returns the first responses and appends nothing.
 */
import { createHash } from 'node:crypto';

export type LicenceApiCall = (
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: unknown }>;

/** Registrations sent at once; the participant's stream takes them one by one anyway. */
const CONCURRENT_REQUESTS = 10;
/** Bounds one demo call. */
export const MAX_DEMO_LICENCES = 500;

const GIVEN = ['Anouk', 'Bram', 'Daan', 'Emma', 'Fenna', 'Jesse', 'Lotte', 'Milan', 'Noor', 'Sem', 'Tess', 'Thijs'];
const FAMILY = [
  'de Vries',
  'Jansen',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
];

/** A UUID-shaped id from a seed, so demo commands are idempotent. */
export function demoCommandId(seed: string): string {
  const hex = createHash('sha256').update(`spot-demo:${seed}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function expectCreated(call: LicenceApiCall, path: string, body: unknown): Promise<unknown> {
  const response = await call('POST', path, body);
  if (response.status !== 200 && response.status !== 201)
    throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface LicensedLearnersOptions {
  participantId: string;
  count: number;
  /** Business time of every registration in this batch. */
  registeredAt: string;
  /** Number of the first learner/licence (ids are `<participant>-learner-<n>` / `<participant>-lic-<n>`). */
  firstNumber?: number;
}

/** Registers `count` learners employed by the participant and a licence for each; returns the licence ids. */
export async function registerLicensedLearners(
  call: LicenceApiCall,
  options: LicensedLearnersOptions,
): Promise<string[]> {
  const { participantId, count, registeredAt, firstNumber = 1 } = options;
  if (count > MAX_DEMO_LICENCES) throw new Error(`at most ${MAX_DEMO_LICENCES} licences per demo call`);
  const numbers = Array.from({ length: count }, (_, i) => firstNumber + i);
  for (let i = 0; i < numbers.length; i += CONCURRENT_REQUESTS) {
    await Promise.all(
      numbers.slice(i, i + CONCURRENT_REQUESTS).map(async (n) => {
        const learnerId = `${participantId}-learner-${n}`;
        const given = GIVEN[n % GIVEN.length]!;
        const family = FAMILY[Math.floor(n / GIVEN.length) % FAMILY.length]!;
        await expectCreated(call, '/learners', {
          commandId: demoCommandId(`learner:${learnerId}`),
          learnerId,
          name: `${given} ${family}`,
          email: `${given}.${family.replace(/ /g, '')}.${n}@example.nl`.toLowerCase(),
          employerId: participantId,
        });
        await expectCreated(call, `/participants/${participantId}/licences`, {
          commandId: demoCommandId(`licence:${participantId}:${n}`),
          licenceId: `${participantId}-lic-${n}`,
          learnerId,
          registeredAt,
        });
      }),
    );
  }
  return numbers.map((n) => `${participantId}-lic-${n}`);
}

export interface DemoParticipantOptions {
  participantId?: string;
  name?: string;
  invoiceDate?: string;
  licences?: number;
  registeredAt?: string;
}

/** A realistic SPOT member: an agreed invoice date, two coordinators at its main location, a batch of licences. */
export async function registerDemoParticipant(call: LicenceApiCall, options: DemoParticipantOptions = {}) {
  const participantId = options.participantId ?? 'spot-demo-zorggroep';
  const registeredAt = options.registeredAt ?? '2026-01-12T09:30:00+01:00';
  await expectCreated(call, '/participants', {
    commandId: demoCommandId(`participant:${participantId}`),
    participantId,
    name: options.name ?? 'Zorggroep De Linde',
    invoiceDate: options.invoiceDate ?? '2026-01-10',
    registeredAt,
  });
  for (const personId of ['coordinator-1', 'coordinator-2']) {
    await expectCreated(call, `/participants/${participantId}/coordinators`, {
      commandId: demoCommandId(`coordinator:${participantId}:${personId}`),
      personId: `${participantId}-${personId}`,
      location: 'Utrecht',
      appointedAt: registeredAt,
    });
  }
  const licenceIds = await registerLicensedLearners(call, {
    participantId,
    count: options.licences ?? 12,
    registeredAt,
  });
  return { participantId, licenceIds };
}
