import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { PublicRoute } from '../auth/route-tree.decorator.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { Answers } from '../http/route-docs.decorator.js';

const PortalRealm = z.object({ realm: z.string(), clientId: z.string() });
export const PortalConfig = z.object({
  keycloakUrl: z.string(),
  realms: z.object({ staff: PortalRealm, clients: PortalRealm }),
});
export type PortalConfig = z.infer<typeof PortalConfig>;

/** What the portals need before login: where Keycloak is and which public client each realm has. */
@ApiTags('portals')
@PublicRoute()
@Controller('api/portal')
export class PortalConfigController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Get('config')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Login settings for the staff and client portals (public, no secrets)' })
  @Answers(PortalConfig)
  portalConfig(): PortalConfig {
    return {
      keycloakUrl: (this.config.KEYCLOAK_ISSUER_BASE ?? this.config.KEYCLOAK_URL).replace(/\/+$/, ''),
      realms: {
        staff: { realm: 'staff', clientId: 'plein-staff-portal' },
        clients: { realm: 'clients', clientId: 'plein-client-portal' },
      },
    };
  }
}
