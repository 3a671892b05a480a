import { ConfigError } from '@plein/config';
import { startSearch } from './bootstrap.js';
import { loadSearchConfig } from './search.config.js';

try {
  await startSearch(loadSearchConfig());
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`search: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
