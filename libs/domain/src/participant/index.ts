export * from './events';
export * from './state';
export * from './commands';
export * from './tier';
export { LICENCE_INVOICE_PAYMENT_TERM_DAYS, MAX_LICENCES_PER_PARTICIPANT } from './decide-support';
export * from './decide';
export * from './deadlines';
export * from './payment-route';
