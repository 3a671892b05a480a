export * from './containers.js';
export * from './database.js';
export * from './test-env.js';
export * from './tokens.js';
export * from './nats.js';
export * from './service-harness.js';
export * from './s3.js';
