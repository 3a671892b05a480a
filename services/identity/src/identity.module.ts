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
import { createLogger } from '@plein/config';
import { OutboxRelay, RpcErrorFilter, connectNats, healthController } from '@plein/messaging';
import { PersistenceModule } from '@plein/persistence';
import { type IdentityConfig, SERVICE, identityDatabase } from './identity.config.js';
import { UserHandler } from './user.handler.js';
import { UserProvisioningService } from './user-provisioning.service.js';

export const NATS = Symbol('NATS');

@Module({})
export class IdentityModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: OutboxRelay | undefined;

  constructor(
    private readonly orm: MikroORM,
    @Inject(NATS) private readonly nc: NatsConnection,
  ) {}

  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: IdentityModule,
      imports: [PersistenceModule.forService(identityDatabase(config.DATABASE_URL))],
      controllers: [UserHandler, healthController(SERVICE)],
      providers: [
        UserProvisioningService,
        { provide: NATS, useFactory: () => connectNats(config.NATS_URL, `${SERVICE}-events`) },
        { provide: APP_FILTER, useClass: RpcErrorFilter },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.orm, this.nc, SERVICE, createLogger(`${SERVICE}-outbox`));
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.nc.drain();
  }
}
