import { ConfigError } from '@plein/config';
import { startGateway } from './bootstrap.js';
import { loadGatewayConfig } from './gateway.config.js';

try {
  const config = loadGatewayConfig();
  await startGateway(config);
  console.log(`gateway: listening on http://localhost:${config.PORT}`);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`gateway: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
