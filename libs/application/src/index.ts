export * from './clock';
export * from './config';
export * from './command-pipeline';
export * from './storage';
