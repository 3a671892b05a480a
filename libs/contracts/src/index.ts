export * from './errors.js';
export * from './events.js';
export * from './health.js';
export * from './directory.js';
export * from './identity.js';
export * from './principal.js';
export * from './rpc.js';
export * from './search.js';
