export * from './clock';
export * from './config';
export * from './command-pipeline';
export * from './storage';
export * from './keyed-mutex';
export * from './read-models';
export * from './scheduler';
export * from './bitemporal';
