import { startService } from '@plein/messaging';
import { type ActivitiesConfig, SERVICE } from './activities.config.js';
import { ActivitiesModule } from './activities.module.js';

/** Starts the activities service: its NATS RPCs in queue group `activities`, as NATS user `activities` (libs/messaging startService). */
export const startActivities = (config: ActivitiesConfig) =>
  startService({ service: SERVICE, module: ActivitiesModule.forRoot(config), config });
