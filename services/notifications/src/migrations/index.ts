import { Migration20270101000000_notifications } from './Migration20270101000000_notifications.js';

/** Checked-in migrations, oldest first. Never edit one that has landed; add a new one. */
export const NOTIFICATIONS_MIGRATIONS = [Migration20270101000000_notifications];
