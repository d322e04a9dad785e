export * from './types';
export * from './registry';
export { renderRegulationsMarkdown } from './markdown';
