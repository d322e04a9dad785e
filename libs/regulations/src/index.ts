export * from './calendar';
export * from './money';
export * from './decision';
export * from './rulebook';
export * from './interest';
export * from './collection-costs';
export * from './rulebooks';
export * from './rule-texts';
