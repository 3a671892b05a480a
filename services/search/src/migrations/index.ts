import { Migration20261127010000_search_index } from './Migration20261127010000_search_index.js';
import { Migration20261127020000_typo_distance } from './Migration20261127020000_typo_distance.js';
import { Migration20261127030000_terms_prefix } from './Migration20261127030000_terms_prefix.js';
import { Migration20261129010000_dutch_compounds } from './Migration20261129010000_dutch_compounds.js';

/** Checked-in migrations, oldest first. Never edit one that has landed; add a new one. */
export const SEARCH_MIGRATIONS = [
  Migration20261127010000_search_index,
  Migration20261127020000_typo_distance,
  Migration20261127030000_terms_prefix,
  Migration20261129010000_dutch_compounds,
];
