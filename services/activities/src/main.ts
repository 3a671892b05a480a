import { ConfigError } from '@plein/config';
import { startActivities } from './bootstrap.js';
import { loadActivitiesConfig } from './activities.config.js';

try {
  await startActivities(loadActivitiesConfig());
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`activities: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
