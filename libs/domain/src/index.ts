export * from './shared/decider';
export * from './customer';
export * from './learner';
export * from './personal-data';
export * from './billing';
export * from './shared/deadlines';
export * from './deadlines';
export * from './payment-routes';
