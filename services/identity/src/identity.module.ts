import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import type { ClientProxy } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { createLogger } from '@plein/config';
import { ErasureRequested, erasureConfirmed } from '@plein/contracts';
import {
  DurableConsumer,
  OutboxRelay,
  RpcErrorFilter,
  connectNats,
  healthController,
  natsClientProxy,
} from '@plein/messaging';
import { PersistenceModule } from '@plein/persistence';
import { AccountStateService } from './account-state.service.js';
import { AdminHandler } from './admin.handler.js';
import {
  ADMIN_CONFIG,
  ClientAccountsService,
  DIRECTORY_RPC,
  KEYCLOAK_ADMIN,
} from './clients/client-accounts.service.js';
import { type IdentityConfig, SERVICE, identityDatabase } from './identity.config.js';
import { KeycloakAdminClient } from './keycloak-admin.client.js';
import { KeycloakSync } from './keycloak-sync.service.js';
import { ErasureService } from './privacy/erasure.service.js';
import { REALM_ADMIN, RealmAdmin } from './realm-admin.js';
import { UserHandler } from './user.handler.js';
import { UserProvisioningService } from './user-provisioning.service.js';

export const NATS = Symbol('NATS');
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');

@Module({})
export class IdentityModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: OutboxRelay | undefined;
  private sync: KeycloakSync | undefined;
  private consumers: DurableConsumer<never>[] = [];

  constructor(
    private readonly orm: MikroORM,
    @Inject(NATS) private readonly nc: NatsConnection,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(KEYCLOAK_ADMIN) private readonly keycloak: KeycloakAdminClient | null,
    @Inject(REALM_ADMIN) private readonly realmAdmin: RealmAdmin,
    @Inject(DIRECTORY_RPC) private readonly directory: ClientProxy,
    private readonly users: UserProvisioningService,
    private readonly accounts: AccountStateService,
    private readonly erasures: ErasureService,
  ) {}

  static forRoot(config: IdentityConfig): DynamicModule {
    // The admin API as identity's service account, whenever its secret is configured (the periodic sync may be off).
    const keycloak = config.KEYCLOAK_SYNC_CLIENT_SECRET
      ? new KeycloakAdminClient({
          baseUrl: config.KEYCLOAK_URL,
          clientId: config.KEYCLOAK_SYNC_CLIENT_ID,
          clientSecret: config.KEYCLOAK_SYNC_CLIENT_SECRET,
        })
      : null;
    return {
      module: IdentityModule,
      imports: [PersistenceModule.forService(identityDatabase(config.DATABASE_URL))],
      controllers: [UserHandler, AdminHandler, healthController(SERVICE)],
      providers: [
        UserProvisioningService,
        AccountStateService,
        ClientAccountsService,
        ErasureService,
        { provide: NATS, useFactory: () => connectNats(config, `${SERVICE}-events`) },
        { provide: DIRECTORY_RPC, useFactory: () => natsClientProxy(config, `${SERVICE}-rpc`) },
        { provide: APP_FILTER, useClass: RpcErrorFilter },
        { provide: IDENTITY_CONFIG, useValue: config },
        { provide: ADMIN_CONFIG, useValue: config },
        { provide: KEYCLOAK_ADMIN, useValue: keycloak },
        {
          provide: REALM_ADMIN,
          useValue: new RealmAdmin(
            keycloak,
            config.KEYCLOAK_SYNC_REALMS,
            config.KEYCLOAK_REALM_DIR,
            config.KEYCLOAK_REALM_OVERLAY_DIR,
          ),
        },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.orm, this.nc, SERVICE, createLogger(`${SERVICE}-outbox`));
    await this.relay.start();
    const config = this.config;
    const log = createLogger(`${SERVICE}-erasure`, config.LOG_LEVEL);
    const own = new DurableConsumer(
      this.orm,
      this.nc,
      SERVICE,
      {
        durable: 'identity-erasure',
        event: ErasureRequested,
        handle: (tx, data) => this.erasures.eraseOwn(tx, data),
      },
      log,
    );
    const confirmations = config.ERASURE_PARTICIPANTS.filter((s) => s !== 'identity').map(
      (service) =>
        new DurableConsumer(
          this.orm,
          this.nc,
          SERVICE,
          {
            durable: `identity-erasure-confirmed-${service}`,
            event: erasureConfirmed(service),
            handle: (tx, data) => this.erasures.confirm(tx, data),
          },
          log,
        ),
    );
    this.consumers = [own, ...confirmations] as DurableConsumer<never>[];
    for (const c of this.consumers) await c.start();
    if (this.keycloak) {
      this.sync = new KeycloakSync(
        this.keycloak,
        {
          ensure: (claims) => RequestContext.create(this.orm.em, () => this.users.ensure(claims)),
          known: (realm) => RequestContext.create(this.orm.em, () => this.accounts.known(realm)),
          setState: (realm, subject, state) =>
            RequestContext.create(this.orm.em, () => this.accounts.set(realm, subject, state)),
          eraseRemoved: (realm) =>
            RequestContext.create(this.orm.em, () => this.erasures.eraseRemoved(realm)),
        },
        config.KEYCLOAK_SYNC_REALMS,
        config.KEYCLOAK_SYNC_INTERVAL_SECONDS * 1000,
        createLogger(`${SERVICE}-keycloak-sync`, config.LOG_LEVEL),
      );
      this.realmAdmin.sync_ = this.sync;
      if (config.KEYCLOAK_SYNC === 'on') this.sync.start();
    }
  }

  /** The Keycloak sync, when it is on (tests run a pass on demand). */
  keycloakSync(): KeycloakSync | undefined {
    return this.config.KEYCLOAK_SYNC === 'on' ? this.sync : undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sync?.stop();
    for (const c of this.consumers) await c.stop();
    await this.relay?.stop();
    await this.directory.close();
    await this.nc.drain();
  }
}
