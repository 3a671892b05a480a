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
  DurableConsumer,
  OutboxRelay,
  RpcErrorFilter,
  connectNats,
  healthController,
  natsClientProxy,
} from '@plein/messaging';
import { PersistenceModule, PreparedReads } from '@plein/persistence';
import { MeiliSearchEngine } from './engine/meili.engine.js';
import { PostgresSearchEngine } from './engine/postgres.engine.js';
import { SEARCH_ENGINE, type SearchEngine } from './engine/search-engine.js';
import { PrivacyHandler, erasureConsumer } from './privacy.js';
import { IndexWriter } from './indexing/index-writer.js';
import { EVENT_MAPPERS } from './indexing/registry.js';
import { SEARCH_NATS_CLIENT } from './nats-client.js';
import { RebuildService } from './rebuild.service.js';
import { SEARCH_CONFIG, SERVICE, type SearchConfig, searchDatabase } from './search.config.js';
import { SearchHandler } from './search.handler.js';
import { SearchService } from './search.service.js';

export const NATS = Symbol('NATS');

@Module({})
export class SearchModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumers: DurableConsumer<never>[] = [];
  private relay: OutboxRelay | undefined;

  constructor(
    private readonly orm: MikroORM,
    @Inject(NATS) private readonly nc: NatsConnection,
    @Inject(SEARCH_NATS_CLIENT) private readonly client: ClientProxy,
    private readonly writer: IndexWriter,
    private readonly reads: PreparedReads,
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
  ) {}

  static forRoot(config: SearchConfig): DynamicModule {
    return {
      module: SearchModule,
      imports: [PersistenceModule.forService(searchDatabase(config.DATABASE_URL))],
      controllers: [SearchHandler, PrivacyHandler, healthController(SERVICE)],
      providers: [
        { provide: SEARCH_CONFIG, useValue: config },
        {
          provide: SEARCH_ENGINE,
          useFactory: (orm: MikroORM, reads: PreparedReads) =>
            config.MEILI_URL
              ? MeiliSearchEngine.connect(config.MEILI_URL, config.MEILI_API_KEY, config.MEILI_INDEX)
              : new PostgresSearchEngine(() => orm.em, reads),
          inject: [MikroORM, PreparedReads],
        },
        {
          provide: PreparedReads,
          useFactory: () =>
            new PreparedReads({
              databaseUrl: config.DATABASE_URL,
              max: 6,
              applicationName: `${SERVICE}-reads`,
            }),
        },
        { provide: NATS, useFactory: () => connectNats(config, `${SERVICE}-events`) },
        {
          provide: SEARCH_NATS_CLIENT,
          useFactory: () => natsClientProxy(config, `${SERVICE}-rpc`),
        },
        IndexWriter,
        SearchService,
        RebuildService,
        { provide: APP_FILTER, useClass: RpcErrorFilter },
      ],
    };
  }

  /** One durable consumer per event search is fed by; each applies the mapped changes inside its transaction. */
  async onApplicationBootstrap(): Promise<void> {
    const log = createLogger(`${SERVICE}-indexing`);
    // search's own events (its erasure confirmations) leave through its outbox
    this.relay = new OutboxRelay(this.orm, this.nc, SERVICE, createLogger(`${SERVICE}-outbox`));
    await this.relay.start();
    const erasure = new DurableConsumer(this.orm, this.nc, SERVICE, erasureConsumer(this.engine), log);
    await erasure.start();
    this.consumers.push(erasure as DurableConsumer<never>);
    // Dutch compounds: said once at every start, so a search that misses them is explained in the log.
    if (this.engine instanceof PostgresSearchEngine) {
      if (await this.engine.splitsCompounds())
        log.info('Dutch compounds are split (Ispell dictionary from hunspell-nl, then the Dutch stemmer)');
      else
        log.warn(
          'Dutch compounds are NOT split: the Ispell dictionary (plein_nl.affix/.dict from hunspell-nl) was not in ' +
            "PostgreSQL's tsearch_data when the search migration ran, so the plain Dutch stemmer is used " +
            '("overdracht" will not find "overdrachtsformulier"); see deploy/postgres/README.md',
        );
    }
    for (const m of EVENT_MAPPERS) {
      const consumer = new DurableConsumer(
        this.orm,
        this.nc,
        SERVICE,
        {
          durable: `search-${m.purpose}`,
          event: m.event,
          handle: async (_em, data, envelope) =>
            this.writer.apply(m.map(data, { occurredAt: envelope.occurredAt })),
        },
        log,
      );
      await consumer.start();
      this.consumers.push(consumer as DurableConsumer<never>);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const c of this.consumers) await c.stop();
    await this.relay?.stop();
    await this.client.close();
    await this.nc.drain();
    await this.reads.close();
  }
}
