export * from './roles.js';
export * from './visibility.rule.js';
export * from './visibility.scope.js';
export * from './visibility.filter.js';
export * from './visibility.sql.js';
export * from './person.rule.js';
export * from './personal-data.guard.js';
