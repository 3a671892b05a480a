import { Migration20270101000000_moderation } from './Migration20270101000000_moderation.js';
import { Migration20270102000000_audit_erasure } from './Migration20270102000000_audit_erasure.js';

/** Checked-in migrations, oldest first. Never edit one that has landed; add a new one. */
export const MODERATION_MIGRATIONS = [
  Migration20270101000000_moderation,
  Migration20270102000000_audit_erasure,
];
