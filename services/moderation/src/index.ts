export * from './bootstrap.js';
export * from './moderation.config.js';
export * from './migrate.js';
