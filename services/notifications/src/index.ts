export * from './bootstrap.js';
export * from './notifications.config.js';
export * from './migrate.js';
