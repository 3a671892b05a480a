import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { ClientProxy } from '@nestjs/microservices';
import { MikroORM } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/transport-node';
import { createLogger } from '@plein/config';
import {
  DurableConsumers,
  OutboxRelay,
  RpcErrorFilter,
  connectNats,
  healthController,
  natsClientProxy,
} from '@plein/messaging';
import { PersistenceModule } from '@plein/persistence';
import { notificationConsumers } from './consumers.js';
import { DigestService } from './digest.service.js';
import { NotificationService } from './notification.service.js';
import { NotificationsHandler } from './notifications.handler.js';
import { type NotificationsConfig, SERVICE, notificationsDatabase } from './notifications.config.js';
import { PreferenceService } from './preference.service.js';
import { erasureConsumer } from './privacy.js';
import { NOTIFICATIONS_NATS_CLIENT, ReaderService } from './reader.service.js';
import { NATS, NOTIFICATIONS_CONFIG } from './tokens.js';

@Module({})
export class NotificationsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: OutboxRelay | undefined;
  private consumers: DurableConsumers | undefined;

  constructor(
    private readonly orm: MikroORM,
    @Inject(NATS) private readonly nc: NatsConnection,
    @Inject(NOTIFICATIONS_NATS_CLIENT) private readonly client: ClientProxy,
    private readonly digest: DigestService,
  ) {}

  static forRoot(config: NotificationsConfig): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [PersistenceModule.forService(notificationsDatabase(config.DATABASE_URL))],
      controllers: [NotificationsHandler, healthController(SERVICE)],
      providers: [
        NotificationService,
        PreferenceService,
        DigestService,
        ReaderService,
        { provide: NOTIFICATIONS_CONFIG, useValue: config },
        { provide: NATS, useFactory: () => connectNats(config, `${SERVICE}-events`) },
        { provide: NOTIFICATIONS_NATS_CLIENT, useFactory: () => natsClientProxy(config, `${SERVICE}-rpc`) },
        { provide: APP_FILTER, useClass: RpcErrorFilter },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.orm, this.nc, SERVICE, createLogger(`${SERVICE}-outbox`));
    await this.relay.start();
    this.consumers = new DurableConsumers(this.orm, this.nc, SERVICE);
    await this.consumers.start([...notificationConsumers, erasureConsumer]);
    this.digest.startSchedule();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumers?.stop();
    await this.relay?.stop();
    await this.client.close();
    await this.nc.drain();
  }
}
