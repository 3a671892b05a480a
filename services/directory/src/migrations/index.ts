import { Migration20261201000000_directory } from './Migration20261201000000_directory.js';
import { Migration20261215000000_account_states } from './Migration20261215000000_account_states.js';

/** Checked-in migrations, oldest first. Never edit one that has landed; add a new one. */
export const DIRECTORY_MIGRATIONS = [
  Migration20261201000000_directory,
  Migration20261215000000_account_states,
];
