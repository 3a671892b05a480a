import { startService } from '@plein/messaging';
import { type IdentityConfig, SERVICE } from './identity.config.js';
import { IdentityModule } from './identity.module.js';

/** Starts the identity service: its NATS RPCs in queue group `identity`, as NATS user `identity` (libs/messaging startService). */
export const startIdentity = (config: IdentityConfig) =>
  startService({ service: SERVICE, module: IdentityModule.forRoot(config), config });
