import { startService } from '@plein/messaging';
import { type TimelinesConfig, SERVICE } from './timelines.config.js';
import { TimelinesModule } from './timelines.module.js';

/** Starts the timelines service: its NATS RPCs in queue group `timelines`, as NATS user `timelines` (libs/messaging startService). */
export const startTimelines = (config: TimelinesConfig) =>
  startService({ service: SERVICE, module: TimelinesModule.forRoot(config), config });
