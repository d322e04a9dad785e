export * from './events';
export * from './state';
export * from './decide';
export * from './payment-routes';
