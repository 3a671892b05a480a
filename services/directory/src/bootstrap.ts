import { startService } from '@plein/messaging';
import { type DirectoryConfig, SERVICE } from './directory.config.js';
import { DirectoryModule } from './directory.module.js';

/** Starts the directory service: its NATS RPCs in queue group `directory`, as NATS user `directory` (libs/messaging startService). */
export const startDirectory = (config: DirectoryConfig) =>
  startService({ service: SERVICE, module: DirectoryModule.forRoot(config), config });
