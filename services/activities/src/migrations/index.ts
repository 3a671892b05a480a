import { Migration20270101000000_activities } from './Migration20270101000000_activities.js';

/** Checked-in migrations, oldest first. Never edit one that has landed; add a new one. */
export const ACTIVITIES_MIGRATIONS = [Migration20270101000000_activities];
