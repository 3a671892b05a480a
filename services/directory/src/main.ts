import { ConfigError } from '@plein/config';
import { startDirectory } from './bootstrap.js';
import { loadDirectoryConfig } from './directory.config.js';

try {
  await startDirectory(loadDirectoryConfig());
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`directory: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
