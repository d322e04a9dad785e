export * from './read-store.port';
export * from './projection';
export * from './sqlite/sqlite-read-store';
export * from './projection-runner';
export * from './projection-thread';
// The MongoDB adapter loads its driver: it is imported from '@ledger/read-store/mongo' where configured.
