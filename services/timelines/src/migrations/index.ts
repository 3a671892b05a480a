import { Migration20261201000000_timelines } from './Migration20261201000000_timelines.js';

/** Checked-in migrations, oldest first. Never edit one that has landed; add a new one. */
export const TIMELINES_MIGRATIONS = [Migration20261201000000_timelines];
