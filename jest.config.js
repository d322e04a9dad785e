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
  transform: { '^.+\\.ts$': ['@swc/jest', swcConfig] },
  moduleNameMapper: {
    '^@ledger/event-store$': '<rootDir>/libs/event-store/src',
    '^@ledger/event-store/esdb$': '<rootDir>/libs/event-store/src/esdb/esdb-event-store',
    '^@ledger/event-store/mongo$': '<rootDir>/libs/event-store/src/keys/mongo-key-store',
    '^@ledger/read-store$': '<rootDir>/libs/read-store/src',
    '^@ledger/read-store/mongo$': '<rootDir>/libs/read-store/src/mongo/mongo-read-store',
    '^@ledger/regulations$': '<rootDir>/libs/regulations/src',
    '^@ledger/domain$': '<rootDir>/libs/domain/src',
    '^@ledger/application$': '<rootDir>/libs/application/src',
    '^@ledger/projections$': '<rootDir>/projections',
  },
  testTimeout: 30000,
  maxWorkers: 2,
};
