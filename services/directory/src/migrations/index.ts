import { Migration20261201000000_directory } from './Migration20261201000000_directory.js';
import { Migration20261215000000_account_states } from './Migration20261215000000_account_states.js';
import { Migration20261229000000_photo_alt } from './Migration20261229000000_photo_alt.js';

/** Checked-in migrations, oldest first. Never edit one that has landed; add a new one. */
export const DIRECTORY_MIGRATIONS = [
  Migration20261201000000_directory,
  Migration20261215000000_account_states,
  Migration20261229000000_photo_alt,
];
