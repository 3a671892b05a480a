export * from './roles.js';
export * from './visibility.rule.js';
