import { startService } from '@plein/messaging';
import { type KnowledgeConfig, SERVICE } from './knowledge.config.js';
import { KnowledgeModule } from './knowledge.module.js';

/** Starts the knowledge service: its NATS RPCs in queue group `knowledge`, as NATS user `knowledge` (libs/messaging startService). */
export const startKnowledge = (config: KnowledgeConfig) =>
  startService({ service: SERVICE, module: KnowledgeModule.forRoot(config), config });
