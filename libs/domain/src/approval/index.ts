export * from './events';
export * from './approvals';
