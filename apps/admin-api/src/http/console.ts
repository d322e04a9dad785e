/**
 * The back-office console (apps/console, docs/architecture.md "Console"): static files built by
 * `npm run build` and served by the ledger itself at `/`, so staff use the same process, keys and
 * roles as every other client. The console's pages carry no data (every screen reads the API
 * with the signed-in key), so the files themselves are public.
 *
 * Only the built files are routes (no wildcard): an unknown path keeps the API's own 404, and the
 * console's screens live in the URL's fragment (#/enrolments/{id}), never in a path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

export const CONSOLE_NOT_BUILT = 'CONSOLE_NOT_BUILT';

/** `dist/console` of the repository this module runs from (source or compiled: both lie below it). */
export function defaultConsoleDir(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'console');
    if (path.dirname(dir) === dir) return path.resolve('dist', 'console');
  }
}

export async function serveConsole(app: NestFastifyApplication, consoleDir = defaultConsoleDir()): Promise<void> {
  if (fs.existsSync(path.join(consoleDir, 'index.html'))) {
    app.useStaticAssets({
      root: consoleDir,
      prefix: '/',
      wildcard: false,
      decorateReply: false,
      index: ['index.html'],
    });
    return;
  }
  // Not built (a fresh clone before `npm run build`): say so at `/` instead of a bare 404.
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.get('/', async (_request, reply) =>
    reply.code(404).send({
      error: CONSOLE_NOT_BUILT,
      message: `The console is not built (no index.html in ${consoleDir}): run npm run build, or npm start, which builds it`,
    }),
  );
}
