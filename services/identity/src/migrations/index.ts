import { Migration20261127000000_users_outbox_inbox } from './Migration20261127000000_users_outbox_inbox.js';
import { Migration20261215000000_account_state } from './Migration20261215000000_account_state.js';
import { Migration20270101000000_clients_erasures } from './Migration20270101000000_clients_erasures.js';

/** Checked-in migrations, oldest first. Never edit one that has landed; add a new one. */
export const IDENTITY_MIGRATIONS = [
  Migration20261127000000_users_outbox_inbox,
  Migration20261215000000_account_state,
  Migration20270101000000_clients_erasures,
];
