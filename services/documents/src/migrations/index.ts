import { Migration20261229100000_documents } from './Migration20261229100000_documents.js';

/** Checked-in migrations, oldest first. Never edit one that has landed; add a new one. */
export const DOCUMENTS_MIGRATIONS = [Migration20261229100000_documents];
