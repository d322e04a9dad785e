export * from './errors';
export * from './terms';
export * from './events';
export * from './state';
export * from './commands';
export * from './decide';
