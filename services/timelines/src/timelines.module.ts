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
  natsClientProxy,
  healthController,
} from '@plein/messaging';
import { PersistenceModule, PreparedReads } from '@plein/persistence';
import { FeedHandler } from './feed.handler.js';
import { FeedService } from './feed.service.js';
import { FollowService } from './follow.service.js';
import { GroupHandler } from './group.handler.js';
import { SearchHandler } from './search.handler.js';
import { GroupService } from './group.service.js';
import { IDENTITY_RPC, People } from './people.service.js';
import { PersonCards, profileConsumers } from './person.cards.js';
import { PostHandler } from './post.handler.js';
import { PostService } from './post.service.js';
import { CommentService } from './comment.service.js';
import { ReactionService } from './reaction.service.js';
import { ConfirmationService } from './confirmation.service.js';
import { MentionCheck } from './mention.check.js';
import { ReaderContexts } from './reader.context.js';
import { erasureConsumer } from './privacy.js';
import { PrivacyHandler } from './privacy.handler.js';
import { SERVICE, type TimelinesConfig, timelinesDatabase } from './timelines.config.js';
import { accountStateConsumers } from './account-state.consumer.js';
import { moderationConsumers } from './moderation.consumer.js';
import { submissionConsumers } from './submission.consumer.js';
import { usersConsumer } from './users.consumer.js';
import { workgroupConsumers } from './workgroup.sync.js';

export const NATS = Symbol('NATS');

@Module({})
export class TimelinesModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: OutboxRelay | undefined;
  private consumers: DurableConsumers | undefined;

  constructor(
    private readonly orm: MikroORM,
    @Inject(NATS) private readonly nc: NatsConnection,
    private readonly reads: PreparedReads,
    private readonly posts: PostService,
    @Inject(IDENTITY_RPC) private readonly identity: ClientProxy,
  ) {}

  static forRoot(config: TimelinesConfig): DynamicModule {
    return {
      module: TimelinesModule,
      imports: [PersistenceModule.forService(timelinesDatabase(config.DATABASE_URL, 20))],
      controllers: [
        PostHandler,
        FeedHandler,
        GroupHandler,
        SearchHandler,
        PrivacyHandler,
        healthController(SERVICE),
      ],
      providers: [
        ReaderContexts,
        People,
        PersonCards,
        PostService,
        CommentService,
        ReactionService,
        ConfirmationService,
        MentionCheck,
        FeedService,
        FollowService,
        GroupService,
        { provide: NATS, useFactory: () => connectNats(config, `${SERVICE}-events`) },
        {
          provide: IDENTITY_RPC,
          useFactory: () => natsClientProxy(config, `${SERVICE}-rpc`),
        },
        {
          provide: PreparedReads,
          useFactory: () =>
            new PreparedReads({
              databaseUrl: config.DATABASE_URL,
              max: 8,
              applicationName: `${SERVICE}-reads`,
            }),
        },
        { provide: APP_FILTER, useClass: RpcErrorFilter },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.orm, this.nc, SERVICE, createLogger(`${SERVICE}-outbox`));
    await this.relay.start();
    // people, their account state and the directory's facts the person rule reads; the directory's teams as workgroups; moderation's decisions about posts
    this.consumers = new DurableConsumers(this.orm, this.nc, SERVICE);
    await this.consumers.start([
      usersConsumer,
      ...accountStateConsumers,
      ...profileConsumers,
      ...workgroupConsumers,
      ...moderationConsumers(this.posts),
      erasureConsumer,
      ...submissionConsumers,
    ]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumers?.stop();
    await this.relay?.stop();
    await this.identity.close();
    await this.nc.drain();
    await this.reads.close();
  }
}
