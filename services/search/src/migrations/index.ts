import { Migration20261127010000_search_index } from './Migration20261127010000_search_index.js';

/** Checked-in migrations, oldest first. Never edit one that has landed; add a new one. */
export const SEARCH_MIGRATIONS = [Migration20261127010000_search_index];
