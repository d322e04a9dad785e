/**
 * What a scheduler run gives way to (D42): requests from their start to their answer, on a real
 * Fastify server; a request that starts a run is not one of them.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { RequestsInFlight } from './requests-in-flight';

describe('RequestsInFlight', () => {
  let fastify: FastifyInstance;
  let requests: RequestsInFlight;
  let release: () => void;
  let arrived: Promise<void>;

  beforeEach(async () => {
    fastify = Fastify();
    requests = new RequestsInFlight();
    requests.track(fastify);
    let arrive: () => void = () => undefined;
    arrived = new Promise((resolve) => (arrive = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = async () => {
      arrive();
      await gate;
      return { ok: true };
    };
    fastify.get('/slow', slow);
    fastify.post('/admin/scheduler/run', slow);
    await fastify.ready();
  });

  afterEach(() => fastify.close());

  it('is busy from a request until its answer, and idle() resolves when the answer is sent', async () => {
    expect(requests.busy()).toBe(false);
    const answer = fastify.inject({ method: 'GET', url: '/slow' });
    await arrived;
    expect(requests.busy()).toBe(true);
    let idle = false;
    const waited = requests.idle(60_000).then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(idle).toBe(false);
    release();
    expect((await answer).statusCode).toBe(200);
    await waited;
    expect(requests.busy()).toBe(false);
  });

  it('lets a waiting run go after maxWaitMs while the request is still in flight', async () => {
    const answer = fastify.inject({ method: 'GET', url: '/slow' });
    await arrived;
    const startedAt = Date.now();
    await requests.idle(30);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(25);
    expect(requests.busy()).toBe(true);
    release();
    await answer;
  });

  it('does not count the request that starts a scheduler run', async () => {
    const answer = fastify.inject({ method: 'POST', url: '/admin/scheduler/run' });
    await arrived;
    expect(requests.busy()).toBe(false);
    release();
    expect((await answer).statusCode).toBe(200);
    expect(requests.busy()).toBe(false);
  });
});
