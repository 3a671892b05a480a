export * from './errors.js';
export * from './events.js';
export * from './health.js';
export * from './identity.js';
export * from './principal.js';
export * from './rpc.js';
export * from './timelines.js';
