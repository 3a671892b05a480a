import { startService } from '@plein/messaging';
import { type SearchConfig, SERVICE } from './search.config.js';
import { SearchModule } from './search.module.js';

/** Starts the search service: its NATS RPCs in queue group `search`, as NATS user `search` (libs/messaging startService). */
export const startSearch = (config: SearchConfig) =>
  startService({ service: SERVICE, module: SearchModule.forRoot(config), config });
