/**
 * Bad-input campaign, CI size (scripts/reliability/bad-input/campaign.ts; `npm run reliability`
 * runs it with 10,000 requests against the compiled server): generated bad requests against
 * every endpoint of /docs-json. None may be answered >= 500 or 2xx, every 4xx must be the docs/api.md
 * error body naming the field, parameter, header or rule, and the log head must not move.
 * BAD_INPUT_SEED=<seed> replays a run; BAD_INPUT_REQUESTS sets the size.
 */
import { runBadInputCampaign, type BadInputResult } from '../../scripts/reliability/bad-input/campaign';
import { seedFrom } from '../../scripts/reliability/lib/random';
import { startHarness, TEST_KEYS, type Harness } from '../support/http-harness';

const REQUESTS = Number(process.env['BAD_INPUT_REQUESTS'] ?? 2_000);
const SEED = seedFrom(process.env['BAD_INPUT_SEED']);

describe(`bad-input campaign (${REQUESTS} requests, seed ${SEED})`, () => {
  let api: Harness;
  let result: BadInputResult;

  beforeAll(async () => {
    api = await startHarness();
    result = await runBadInputCampaign({
      target: { baseUrl: api.baseUrl, dataDir: api.dataDir, keys: TEST_KEYS },
      requests: REQUESTS,
      seed: SEED,
      concurrency: 8,
      // A test asserts behaviour, not speed (speed is the benchmarks' job): only an answer that
      // never comes counts, not one slowed by a busy machine.
      slowMs: 60_000,
    });
    process.stdout.write(
      `bad-input campaign: ${result.sent} requests to ${result.endpoints.hit}/${result.endpoints.total} endpoints, ${result.failures.total} failures, ` +
        `head ${result.log.headBefore} -> ${result.log.headAfter}, ${(result.durationMs / 1000).toFixed(1)} s, seed ${SEED} (BAD_INPUT_SEED=${SEED} replays it)\n`,
    );
  }, 300_000);
  afterAll(() => api?.close());

  it('sends the requested number of bad requests, to nearly every endpoint of /docs-json', () => {
    expect(result.sent).toBe(REQUESTS);
    expect(result.endpoints.total).toBeGreaterThan(40);
    // GET /health and GET /sign-in-options take no input and no key.
    expect(result.endpoints.hit).toBeGreaterThanOrEqual(result.endpoints.total - 2);
    expect(result.fixtures.skipped).toEqual([]);
  });

  it('answers none of them with a 5xx (seed in the title)', () => {
    expect(result.failures.first.filter((f) => f.kind === 'server-error' || f.kind === 'no-response')).toEqual([]);
  });

  it('accepts none of them (no 2xx)', () => {
    expect(result.failures.first.filter((f) => f.kind === 'accepted')).toEqual([]);
  });

  it('answers each with the docs/api.md error body, a status that fits, naming the field, parameter, header or rule', () => {
    expect(result.failures.first).toEqual([]);
    expect(result.failures.total).toBe(0);
  });

  it('appends nothing: the log head is where it was, and the server is healthy afterwards', () => {
    expect(result.log.appended).toEqual([]);
    expect(result.log.headAfter).toBe(result.log.headBefore);
    expect(result.healthAfter).toBe(200);
  });
});
