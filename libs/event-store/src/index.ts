export * from './event-store.port';
export * from './personal-data.port';
export * from './upcasting';
export { canonicalJson } from './canonical-json';
export * from './sqlite/sqlite-event-store';
export { newEventId } from './sqlite/event-ids';
export { ChainAnchor, type AnchoredHead } from './sqlite/chain-anchor';
export * from './ledger-event-store';
export * from './keys/sqlite-key-store';
export { LruCache } from './personal-data/lru-cache';
// The EventStoreDB and MongoDB adapters load their drivers (about 100 ms and 20 MB each): they are
// imported from '@ledger/event-store/esdb' and '@ledger/event-store/mongo', only where configured.
