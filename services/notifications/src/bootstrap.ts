import { startService } from '@plein/messaging';
import { type NotificationsConfig, SERVICE } from './notifications.config.js';
import { NotificationsModule } from './notifications.module.js';

/** Starts the notifications service: its NATS RPCs in queue group `notifications`, as NATS user `notifications`. */
export const startNotifications = (config: NotificationsConfig) =>
  startService({ service: SERVICE, module: NotificationsModule.forRoot(config), config });
