export * from './durable-consumer.js';
export * from './health.controller.js';
export * from './jetstream.js';
export * from './outbox-relay.js';
export * from './outbox.js';
export * from './rpc.js';
export * from './messaging.migration.js';
