export * from './bootstrap.js';
export * from './identity.config.js';
export * from './migrate.js';
