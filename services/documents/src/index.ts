export * from './bootstrap.js';
export * from './documents.config.js';
export * from './migrate.js';
