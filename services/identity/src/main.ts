import { ConfigError } from '@plein/config';
import { startIdentity } from './bootstrap.js';
import { loadIdentityConfig } from './identity.config.js';

try {
  await startIdentity(loadIdentityConfig());
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`identity: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
