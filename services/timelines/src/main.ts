import { ConfigError } from '@plein/config';
import { startTimelines } from './bootstrap.js';
import { loadTimelinesConfig } from './timelines.config.js';

try {
  await startTimelines(loadTimelinesConfig());
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`timelines: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
