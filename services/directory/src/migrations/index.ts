import { Migration20261201000000_directory } from './Migration20261201000000_directory.js';

/** Checked-in migrations, oldest first. Never edit one that has landed; add a new one. */
export const DIRECTORY_MIGRATIONS = [Migration20261201000000_directory];
