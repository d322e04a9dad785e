export * from './ledger-facts';
export * from './tranches';
export * from './balance';
export * from './billing-corrections';
export * from './decision-corrections';
export * from './ledger-from-events';
