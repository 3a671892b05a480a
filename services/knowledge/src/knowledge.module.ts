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
import { erasureConsumer } from './privacy.js';
import { PrivacyHandler } from './privacy.handler.js';
import { PersistenceModule } from '@plein/persistence';
import { AnswerService } from './answer.service.js';
import { HandbookHandler } from './handbook.handler.js';
import { HandbookService } from './handbook.service.js';
import { HowtoService } from './howto.service.js';
import { type KnowledgeConfig, SERVICE, knowledgeDatabase } from './knowledge.config.js';
import { QuestionHandler } from './question.handler.js';
import { QuestionService } from './question.service.js';
import { moderationConsumers, peopleConsumers } from './moderation.consumer.js';
import { profileConsumers } from './profile.consumer.js';
import { KNOWLEDGE_NATS_CLIENT, ReaderService } from './reader.service.js';
import { SearchExportHandler } from './search-export.handler.js';
import { SearchExportService } from './search-export.service.js';

export const NATS = Symbol('NATS');

@Module({})
export class KnowledgeModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: OutboxRelay | undefined;
  private consumers: DurableConsumers | undefined;

  constructor(
    private readonly orm: MikroORM,
    @Inject(NATS) private readonly nc: NatsConnection,
    @Inject(KNOWLEDGE_NATS_CLIENT) private readonly client: ClientProxy,
  ) {}

  static forRoot(config: KnowledgeConfig): DynamicModule {
    return {
      module: KnowledgeModule,
      imports: [PersistenceModule.forService(knowledgeDatabase(config.DATABASE_URL))],
      controllers: [
        QuestionHandler,
        HandbookHandler,
        SearchExportHandler,
        PrivacyHandler,
        healthController(SERVICE),
      ],
      providers: [
        QuestionService,
        AnswerService,
        HandbookService,
        HowtoService,
        SearchExportService,
        ReaderService,
        { provide: NATS, useFactory: () => connectNats(config, `${SERVICE}-events`) },
        {
          provide: KNOWLEDGE_NATS_CLIENT,
          useFactory: () => natsClientProxy(config, `${SERVICE}-rpc`),
        },
        { provide: APP_FILTER, useClass: RpcErrorFilter },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.orm, this.nc, SERVICE, createLogger(`${SERVICE}-outbox`));
    await this.relay.start();
    // moderation's decisions about questions and answers; people's names from identity; the person rule's facts
    // from the directory
    this.consumers = new DurableConsumers(this.orm, this.nc, SERVICE);
    await this.consumers.start([
      ...moderationConsumers,
      ...peopleConsumers,
      ...profileConsumers,
      erasureConsumer,
    ]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumers?.stop();
    await this.relay?.stop();
    await this.client.close();
    await this.nc.drain();
  }
}
