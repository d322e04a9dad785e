export * from './events';
export * from './state';
export * from './commands';
export * from './decide';
export * from './upcasters';
export * from './deadlines';
