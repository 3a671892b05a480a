export * from './bootstrap.js';
export * from './directory.config.js';
export * from './migrate.js';
