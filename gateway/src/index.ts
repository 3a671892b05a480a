export * from './bootstrap.js';
export * from './gateway.config.js';
