import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { PrincipalResolver } from './auth/principal-resolver.js';
import { RealmGuard } from './auth/realm.guard.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { GATEWAY_CONFIG, type GatewayConfig, NATS_CLIENT } from './gateway.config.js';
import { HealthController } from './health/health.controller.js';
import { ProblemFilter } from './http/problem.filter.js';
import { PortalConfigController } from './portals/portal-config.controller.js';
import { AdminUsersController } from './routes/admin-users.controller.js';
import { ClientMeController, StaffMeController } from './routes/me.controller.js';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ClientsModule.register([
          {
            name: NATS_CLIENT,
            transport: Transport.NATS,
            options: { servers: [config.NATS_URL], name: 'gateway' },
          },
        ]),
      ],
      controllers: [
        HealthController,
        StaffMeController,
        ClientMeController,
        AdminUsersController,
        PortalConfigController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        TokenVerifier,
        PrincipalResolver,
        { provide: APP_GUARD, useClass: RealmGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
