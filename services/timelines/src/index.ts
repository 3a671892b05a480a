export * from './bootstrap.js';
export * from './migrate.js';
export * from './timelines.config.js';
