/**
 * The back-office console's build (`npm run build:console`): a static bundle the ledger serves at
 * `/` (apps/admin-api/src/http/console.ts). CONSOLE_OUT_DIR builds elsewhere (the browser tests
 * build the sources as they are into a scratch directory).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// An ES module (.mts): Vite loads it as one, without converting ESM syntax in a CommonJS file.
const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: '/',
  // JSX without a plugin: Vite's own transform, React's automatic runtime (no hot reload needed to build).
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: process.env['CONSOLE_OUT_DIR'] ?? resolve(here, '../../dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1_500,
    rolldownOptions: {
      // Mantine marks its modules "use client" (for React server components); a static bundle has no server side.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
});
