export * from './read-store.port';
export * from './projection';
export * from './sqlite/sqlite-read-store';
export * from './mongo/mongo-read-store';
export * from './projection-runner';
export * from './projection-thread';
