import { Migration20261201000000_timelines } from './Migration20261201000000_timelines.js';
import { Migration20261201000100_covering_feed_indexes } from './Migration20261201000100_covering_feed_indexes.js';
import { Migration20261215000000_workgroups_follows_moderation } from './Migration20261215000000_workgroups_follows_moderation.js';
import { Migration20261220000000_account_states } from './Migration20261220000000_account_states.js';
import { Migration20261229000000_people_facts } from './Migration20261229000000_people_facts.js';
import { Migration20270110000000_comment_hidden } from './Migration20270110000000_comment_hidden.js';

/** Checked-in migrations, oldest first. Never edit one that has landed; add a new one. */
export const TIMELINES_MIGRATIONS = [
  Migration20261201000000_timelines,
  Migration20261201000100_covering_feed_indexes,
  Migration20261215000000_workgroups_follows_moderation,
  Migration20261220000000_account_states,
  Migration20261229000000_people_facts,
  Migration20270110000000_comment_hidden,
];
