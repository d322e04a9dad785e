export * from './events';
export * from './state';
export * from './commands';
export * from './tier';
export { licenceBookOf, MAX_LICENCES_PER_PARTICIPANT, type LicenceBook } from './decide-support';
export * from './decide';
export * from './deadlines';
export * from './payment-route';
