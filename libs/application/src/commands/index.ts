export * from './ledger-command';
export * from './enrolments';
export * from './people';
export * from './statutory-rates';
export * from './bank-statements';
