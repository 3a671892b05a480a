import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/transport-node';
import { createLogger } from '@plein/config';
import { OutboxRelay, RpcErrorFilter, connectNats, healthController } from '@plein/messaging';
import { PersistenceModule } from '@plein/persistence';
import { AccountStateService } from './account-state.service.js';
import { type IdentityConfig, SERVICE, identityDatabase } from './identity.config.js';
import { KeycloakAdminClient } from './keycloak-admin.client.js';
import { KeycloakSync } from './keycloak-sync.service.js';
import { UserHandler } from './user.handler.js';
import { UserProvisioningService } from './user-provisioning.service.js';

export const NATS = Symbol('NATS');
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');

@Module({})
export class IdentityModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: OutboxRelay | undefined;
  private sync: KeycloakSync | undefined;

  constructor(
    private readonly orm: MikroORM,
    @Inject(NATS) private readonly nc: NatsConnection,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly users: UserProvisioningService,
    private readonly accounts: AccountStateService,
  ) {}

  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: IdentityModule,
      imports: [PersistenceModule.forService(identityDatabase(config.DATABASE_URL))],
      controllers: [UserHandler, healthController(SERVICE)],
      providers: [
        UserProvisioningService,
        AccountStateService,
        { provide: NATS, useFactory: () => connectNats(config, `${SERVICE}-events`) },
        { provide: APP_FILTER, useClass: RpcErrorFilter },
        { provide: IDENTITY_CONFIG, useValue: config },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.orm, this.nc, SERVICE, createLogger(`${SERVICE}-outbox`));
    await this.relay.start();
    const config = this.config;
    if (config.KEYCLOAK_SYNC === 'on' && config.KEYCLOAK_SYNC_CLIENT_SECRET) {
      const keycloak = new KeycloakAdminClient({
        baseUrl: config.KEYCLOAK_URL,
        clientId: config.KEYCLOAK_SYNC_CLIENT_ID,
        clientSecret: config.KEYCLOAK_SYNC_CLIENT_SECRET,
      });
      this.sync = new KeycloakSync(
        keycloak,
        {
          ensure: (claims) => RequestContext.create(this.orm.em, () => this.users.ensure(claims)),
          known: (realm) => RequestContext.create(this.orm.em, () => this.accounts.known(realm)),
          setState: (realm, subject, state) =>
            RequestContext.create(this.orm.em, () => this.accounts.set(realm, subject, state)),
        },
        config.KEYCLOAK_SYNC_REALMS,
        config.KEYCLOAK_SYNC_INTERVAL_SECONDS * 1000,
        createLogger(`${SERVICE}-keycloak-sync`, config.LOG_LEVEL),
      );
      this.sync.start();
    }
  }

  /** The Keycloak sync, when it is on (tests run a pass on demand). */
  keycloakSync(): KeycloakSync | undefined {
    return this.sync;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sync?.stop();
    await this.relay?.stop();
    await this.nc.drain();
  }
}
