import { startService } from '@plein/messaging';
import { type ModerationConfig, SERVICE } from './moderation.config.js';
import { ModerationModule } from './moderation.module.js';

/** Starts the moderation service: its NATS RPCs in queue group `moderation`, as NATS user `moderation` (libs/messaging startService). */
export const startModeration = (config: ModerationConfig) =>
  startService({ service: SERVICE, module: ModerationModule.forRoot(config), config });
