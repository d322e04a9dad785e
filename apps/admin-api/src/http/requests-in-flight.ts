/**
 * The API's requests in flight, which a scheduler run gives way to (docs/decisions.md D42): the run
 * and the requests share one event loop, so a request should wait behind one fired deadline at
 * most, not behind a batch of them. Requests that start a run themselves are background work.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ForegroundActivity } from '@ledger/application';

/** Routes whose request is a run of background work, not something a run gives way to. */
export const BACKGROUND_ROUTES: ReadonlySet<string> = new Set(['/admin/scheduler/run', '/dunning/runs']);

const counted = new WeakSet<FastifyRequest>();

export class RequestsInFlight implements ForegroundActivity {
  private inFlight = 0;
  private readonly waiting = new Set<() => void>();

  busy(): boolean {
    return this.inFlight > 0;
  }

  idle(maxWaitMs: number): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.waiting.add(done);
    });
  }

  /** Counts every request of the server from its start to its answer (or to the client leaving). */
  track(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', async (request) => {
      if (BACKGROUND_ROUTES.has(request.routeOptions.url ?? '')) return;
      counted.add(request);
      this.inFlight += 1;
    });
    const finished = async (request: FastifyRequest) => {
      if (!counted.delete(request)) return;
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of [...this.waiting]) wake();
    };
    fastify.addHook('onResponse', finished);
    fastify.addHook('onRequestAbort', finished);
  }
}
