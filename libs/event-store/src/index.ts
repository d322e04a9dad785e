export * from './event-store.port';
export * from './personal-data.port';
export * from './upcasting';
export * from './sqlite/sqlite-event-store';
export { newEventId } from './sqlite/event-ids';
export * from './esdb/esdb-event-store';
export * from './ledger-event-store';
export * from './keys/sqlite-key-store';
export * from './keys/mongo-key-store';
