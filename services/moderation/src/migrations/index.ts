import { Migration20270101000000_moderation } from './Migration20270101000000_moderation.js';

/** Checked-in migrations, oldest first. Never edit one that has landed; add a new one. */
export const MODERATION_MIGRATIONS = [Migration20270101000000_moderation];
