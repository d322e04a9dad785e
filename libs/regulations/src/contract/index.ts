export * from './acts';
export * from './readings';
export * from './enrolment';
export * from './finance';
export * from './licences';
export * from './rulebook-acts';
export * from './what-if';
