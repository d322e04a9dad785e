export * from './interpretations';
export * from './finance';
