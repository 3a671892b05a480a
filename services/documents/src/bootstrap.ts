import { startService } from '@plein/messaging';
import { type DocumentsConfig, SERVICE } from './documents.config.js';
import { DocumentsModule } from './documents.module.js';

/** Starts the documents service: its NATS RPCs in queue group `documents`, as NATS user `documents` (libs/messaging startService). */
export const startDocuments = (config: DocumentsConfig) =>
  startService({ service: SERVICE, module: DocumentsModule.forRoot(config), config });
