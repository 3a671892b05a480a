import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/transport-node';
import { createLogger } from '@plein/config';
import {
  DurableConsumers,
  OutboxRelay,
  RpcErrorFilter,
  connectNats,
  healthController,
} from '@plein/messaging';
import { PersistenceModule } from '@plein/persistence';
import { AuditService } from './audit.service.js';
import { ModerationHandler } from './moderation.handler.js';
import { type ModerationConfig, SERVICE, moderationDatabase } from './moderation.config.js';
import { PrivacyService, moderationConsumers } from './privacy.js';
import { ReportService } from './report.service.js';
import { SubmissionService } from './submission.service.js';

export const NATS = Symbol('NATS');

@Module({})
export class ModerationModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: OutboxRelay | undefined;
  private consumers: DurableConsumers | undefined;

  constructor(
    private readonly orm: MikroORM,
    @Inject(NATS) private readonly nc: NatsConnection,
  ) {}

  static forRoot(config: ModerationConfig): DynamicModule {
    return {
      module: ModerationModule,
      imports: [PersistenceModule.forService(moderationDatabase(config.DATABASE_URL))],
      controllers: [ModerationHandler, healthController(SERVICE)],
      providers: [
        {
          provide: SubmissionService,
          useFactory: (em: EntityManager) =>
            Object.assign(new SubmissionService(em), { guardStaff: config.GUARD_STAFF_INTRANET }),
          inject: [EntityManager],
        },
        ReportService,
        AuditService,
        PrivacyService,
        { provide: NATS, useFactory: () => connectNats(config, `${SERVICE}-events`) },
        { provide: APP_FILTER, useClass: RpcErrorFilter },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.orm, this.nc, SERVICE, createLogger(`${SERVICE}-outbox`));
    await this.relay.start();
    // the erasure requests (AVG) and the directory's profile facts for the person rule
    this.consumers = new DurableConsumers(this.orm, this.nc, SERVICE);
    await this.consumers.start(moderationConsumers);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumers?.stop();
    await this.relay?.stop();
    await this.nc.drain();
  }
}
