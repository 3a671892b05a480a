export * from './migrate.js';
export * from './orm-config.js';
export * from './persistence.module.js';
export * from './request-context.interceptor.js';
export * from './sql.js';
export * from './prepared-reads.js';
export * from './cursor.codec.js';
export * from './person-facts.js';
