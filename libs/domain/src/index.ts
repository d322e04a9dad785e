export * from './shared/decider';
export * from './customer';
export * from './learner';
export * from './personal-data';
export * from './billing';
