import { ConfigError } from '@plein/config';
import { startKnowledge } from './bootstrap.js';
import { loadKnowledgeConfig } from './knowledge.config.js';

try {
  await startKnowledge(loadKnowledgeConfig());
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`knowledge: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
