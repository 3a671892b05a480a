export * from './bootstrap.js';
export * from './activities.config.js';
export * from './migrate.js';
