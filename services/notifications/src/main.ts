import { ConfigError } from '@plein/config';
import { startNotifications } from './bootstrap.js';
import { loadNotificationsConfig } from './notifications.config.js';

try {
  await startNotifications(loadNotificationsConfig());
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`notifications: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
