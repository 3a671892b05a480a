import { ConfigError } from '@plein/config';
import { startDocuments } from './bootstrap.js';
import { loadDocumentsConfig } from './documents.config.js';

try {
  await startDocuments(loadDocumentsConfig());
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`documents: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
