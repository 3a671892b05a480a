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
import { type ActivitiesConfig, SERVICE, activitiesDatabase } from './activities.config.js';
import { ActivityHandler } from './activity.handler.js';
import { ActivityService } from './activity.service.js';
import { CalendarService } from './calendar.service.js';
import { PrivacyHandler, PrivacyService, erasureConsumer } from './privacy.js';
import { profileConsumers } from './profile.consumer.js';
import { ACTIVITIES_NATS_CLIENT, ReaderService } from './reader.service.js';
import { ReminderScheduler } from './reminder.scheduler.js';
import { SearchExportService } from './search-export.service.js';
import { SignupService } from './signup.service.js';

export const NATS = Symbol('NATS');
export const ACTIVITIES_CONFIG = Symbol('ACTIVITIES_CONFIG');

@Module({})
export class ActivitiesModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: OutboxRelay | undefined;
  private reminders: ReminderScheduler | undefined;
  private consumers: DurableConsumers | undefined;

  constructor(
    private readonly orm: MikroORM,
    @Inject(NATS) private readonly nc: NatsConnection,
    @Inject(ACTIVITIES_NATS_CLIENT) private readonly client: ClientProxy,
    @Inject(ACTIVITIES_CONFIG) private readonly config: ActivitiesConfig,
  ) {}

  static forRoot(config: ActivitiesConfig): DynamicModule {
    return {
      module: ActivitiesModule,
      imports: [PersistenceModule.forService(activitiesDatabase(config.DATABASE_URL))],
      controllers: [ActivityHandler, PrivacyHandler, healthController(SERVICE)],
      providers: [
        ActivityService,
        SignupService,
        CalendarService,
        PrivacyService,
        SearchExportService,
        ReaderService,
        { provide: ACTIVITIES_CONFIG, useValue: config },
        { provide: NATS, useFactory: () => connectNats(config, `${SERVICE}-events`) },
        { provide: ACTIVITIES_NATS_CLIENT, useFactory: () => natsClientProxy(config, `${SERVICE}-rpc`) },
        { provide: APP_FILTER, useClass: RpcErrorFilter },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.orm, this.nc, SERVICE, createLogger(`${SERVICE}-outbox`));
    await this.relay.start();
    // the person rule's facts from the directory; the right to erasure
    this.consumers = new DurableConsumers(this.orm, this.nc, SERVICE);
    await this.consumers.start([...profileConsumers, erasureConsumer]);
    this.reminders = new ReminderScheduler(
      this.orm,
      this.config.ACTIVITIES_REMINDER_INTERVAL_MS,
      this.config.ACTIVITIES_REMINDER_LEAD_HOURS,
      createLogger(`${SERVICE}-reminders`),
    );
    this.reminders.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reminders?.stop();
    await this.consumers?.stop();
    await this.relay?.stop();
    await this.client.close();
    await this.nc.drain();
  }
}
