import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  ErasureRequested,
  UserDeactivated,
  UserProvisioned,
  UserReactivated,
  UserUpdated,
} from '@plein/contracts';
import { createLogger } from '@plein/config';
import {
  DurableConsumer,
  OutboxRelay,
  RpcErrorFilter,
  connectNats,
  healthController,
} from '@plein/messaging';
import { PersistenceModule } from '@plein/persistence';
import { type DirectoryConfig, SERVICE, directoryDatabase } from './directory.config.js';
import { followAccountState } from './account-state.follower.js';
import { followIdentityUser } from './identity-follower.js';
import { OrganisationHandler } from './organisation.handler.js';
import { FunctionService } from './function.service.js';
import { LocationService } from './location.service.js';
import { TeamService } from './team.service.js';
import { PeopleHandler } from './people.handler.js';
import { eraseFromDirectory } from './privacy.js';
import { PrivacyHandler } from './privacy.handler.js';
import { SearchExportHandler } from './search-export.handler.js';
import { PeopleService } from './people.service.js';

export const NATS = Symbol('NATS');

@Module({})
export class DirectoryModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: OutboxRelay | undefined;
  private consumers: DurableConsumer<never>[] = [];

  constructor(
    private readonly orm: MikroORM,
    @Inject(NATS) private readonly nc: NatsConnection,
  ) {}

  static forRoot(config: DirectoryConfig): DynamicModule {
    return {
      module: DirectoryModule,
      imports: [PersistenceModule.forService(directoryDatabase(config.DATABASE_URL))],
      controllers: [
        PeopleHandler,
        OrganisationHandler,
        SearchExportHandler,
        PrivacyHandler,
        healthController(SERVICE),
      ],
      providers: [
        PeopleService,
        LocationService,
        TeamService,
        FunctionService,
        { provide: NATS, useFactory: () => connectNats(config, `${SERVICE}-events`) },
        { provide: APP_FILTER, useClass: RpcErrorFilter },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.orm, this.nc, SERVICE, createLogger(`${SERVICE}-outbox`));
    await this.relay.start();
    const log = createLogger(`${SERVICE}-consumers`);
    const provisioned = new DurableConsumer(
      this.orm,
      this.nc,
      SERVICE,
      {
        durable: 'directory-profiles',
        event: UserProvisioned,
        handle: (tx, data, envelope) => followIdentityUser(tx, data, envelope.occurredAt),
      },
      log,
    );
    const updated = new DurableConsumer(
      this.orm,
      this.nc,
      SERVICE,
      {
        durable: 'directory-profile-changes',
        event: UserUpdated,
        handle: (tx, data, envelope) => followIdentityUser(tx, data, envelope.occurredAt),
      },
      log,
    );
    const deactivated = new DurableConsumer(
      this.orm,
      this.nc,
      SERVICE,
      {
        durable: 'directory-account-deactivated',
        event: UserDeactivated,
        handle: (tx, data, envelope) =>
          followAccountState(tx, data.userId, { active: false, reason: data.reason }, envelope.occurredAt),
      },
      log,
    );
    const reactivated = new DurableConsumer(
      this.orm,
      this.nc,
      SERVICE,
      {
        durable: 'directory-account-reactivated',
        event: UserReactivated,
        handle: (tx, data, envelope) =>
          followAccountState(tx, data.userId, { active: true }, envelope.occurredAt),
      },
      log,
    );
    const erasure = new DurableConsumer(
      this.orm,
      this.nc,
      SERVICE,
      { durable: 'directory-erasure', event: ErasureRequested, handle: eraseFromDirectory },
      log,
    );
    this.consumers = [provisioned, updated, deactivated, reactivated, erasure] as DurableConsumer<never>[];
    for (const c of this.consumers) await c.start();
  }

  /** The consumer of plein.identity.user.provisioned (tests hand it an event twice). */
  provisionedConsumer(): DurableConsumer<typeof UserProvisioned.data> {
    return this.consumers[0] as unknown as DurableConsumer<typeof UserProvisioned.data>;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const c of this.consumers) await c.stop();
    await this.relay?.stop();
    await this.nc.drain();
  }
}
