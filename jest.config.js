/** Jest runs TypeScript through SWC (fast); `npm run typecheck` does the strict type check. */
const swcConfig = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/projections', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcConfig],
    // content-disposition 3 (used by @fastify/static for /docs) ships ESM only; Node 20 loads it
    // natively, Jest's CommonJS runtime needs it compiled.
    '^.+/node_modules/content-disposition/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: {
    '^@ledger/event-store$': '<rootDir>/libs/event-store/src',
    '^@ledger/read-store$': '<rootDir>/libs/read-store/src',
    '^@ledger/regulations$': '<rootDir>/libs/regulations/src',
    '^@ledger/domain$': '<rootDir>/libs/domain/src',
    '^@ledger/application$': '<rootDir>/libs/application/src',
    '^@ledger/projections$': '<rootDir>/projections',
  },
  testTimeout: 30000,
  maxWorkers: 2,
};
