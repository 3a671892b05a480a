import { DatabaseEnv, LogEnv, NatsEnv, loadConfig, z } from '@plein/config';
import { MESSAGING_ENTITIES } from '@plein/messaging';
import type { ServiceDatabase } from '@plein/persistence';
import { StorageEnv } from '@plein/storage';
import { DOCUMENTS_ENTITIES } from './entities/index.js';
import { DOCUMENTS_MIGRATIONS } from './migrations/index.js';

export const SERVICE = 'documents';

export const DocumentsEnv = DatabaseEnv.extend(NatsEnv.shape)
  .extend(LogEnv.shape)
  .extend(StorageEnv.shape)
  .extend({
    /** How long a deleted file stays in the trash (restorable) before it is purged. */
    TRASH_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** How often the trash is swept for files past TRASH_DAYS. */
    TRASH_SWEEP_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(100)
      .default(60 * 60 * 1000),
    /** Text is extracted from files up to this size (larger ones are kept, not indexed by content). */
    EXTRACT_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(20 * 1024 * 1024),
    /** At most this many characters of a file's text go to search. */
    TEXT_MAX_CHARS: z.coerce.number().int().positive().default(100_000),
  });
export type DocumentsConfig = z.infer<typeof DocumentsEnv>;
export const DOCUMENTS_CONFIG = Symbol('DOCUMENTS_CONFIG');
export const loadDocumentsConfig = (env: NodeJS.ProcessEnv = process.env): DocumentsConfig =>
  loadConfig(DocumentsEnv, env);

export const documentsDatabase = (databaseUrl: string): ServiceDatabase => ({
  service: SERVICE,
  databaseUrl,
  entities: [...DOCUMENTS_ENTITIES, ...MESSAGING_ENTITIES],
  migrations: DOCUMENTS_MIGRATIONS,
});
