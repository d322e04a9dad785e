export * from './actors';
export * from './api-keys';
export * from './dev-keys';
export * from './identity';
export * from './oidc';
export * from './four-eyes';
