export * from './bootstrap.js';
export * from './knowledge.config.js';
export * from './migrate.js';
export * from './handbook-import.service.js';
export * from './import.js';
