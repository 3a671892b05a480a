import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '../auth/route-tree.decorator.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';

export interface PortalConfig {
  keycloakUrl: string;
  realms: Record<'staff' | 'clients', { realm: string; clientId: string }>;
}

/** What the portals need before login: where Keycloak is and which public client each realm has. */
@ApiTags('portals')
@PublicRoute()
@Controller('api/portal')
export class PortalConfigController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Get('config')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Login settings for the staff and client portals (public, no secrets)' })
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
