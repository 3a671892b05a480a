import { ConfigError } from '@plein/config';
import { startModeration } from './bootstrap.js';
import { loadModerationConfig } from './moderation.config.js';

try {
  await startModeration(loadModerationConfig());
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`moderation: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
