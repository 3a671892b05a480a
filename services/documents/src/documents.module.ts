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
import { type BlobStorage, DiskStorage, createStorage } from '@plein/storage';
import { DOCUMENTS_CONFIG, type DocumentsConfig, SERVICE, documentsDatabase } from './documents.config.js';
import { DocumentsHandler } from './documents.handler.js';
import { BLOB_STORAGE, FileService } from './file.service.js';
import { FolderService } from './folder.service.js';
import { PrivacyService, erasureConsumers } from './privacy.service.js';
import { DOCUMENTS_NATS_CLIENT, ReaderService } from './reader.service.js';
import { SearchExportService } from './search-export.service.js';

export const NATS = Symbol('NATS');

@Module({})
export class DocumentsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay: OutboxRelay | undefined;
  private consumers: DurableConsumers | undefined;
  private sweep: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> = Promise.resolve();
  private readonly log = createLogger(`${SERVICE}-trash`);

  constructor(
    private readonly orm: MikroORM,
    @Inject(NATS) private readonly nc: NatsConnection,
    @Inject(DOCUMENTS_NATS_CLIENT) private readonly client: ClientProxy,
    @Inject(DOCUMENTS_CONFIG) private readonly config: DocumentsConfig,
    @Inject(BLOB_STORAGE) private readonly storage: BlobStorage,
    private readonly files: FileService,
  ) {}

  static forRoot(config: DocumentsConfig): DynamicModule {
    return {
      module: DocumentsModule,
      imports: [PersistenceModule.forService(documentsDatabase(config.DATABASE_URL))],
      controllers: [DocumentsHandler, healthController(SERVICE)],
      providers: [
        FolderService,
        FileService,
        PrivacyService,
        SearchExportService,
        ReaderService,
        { provide: DOCUMENTS_CONFIG, useValue: config },
        { provide: BLOB_STORAGE, useFactory: () => createStorage(config) },
        { provide: NATS, useFactory: () => connectNats(config, `${SERVICE}-events`) },
        { provide: DOCUMENTS_NATS_CLIENT, useFactory: () => natsClientProxy(config, `${SERVICE}-rpc`) },
        { provide: APP_FILTER, useClass: RpcErrorFilter },
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.orm, this.nc, SERVICE, createLogger(`${SERVICE}-outbox`));
    await this.relay.start();
    this.consumers = new DurableConsumers(this.orm, this.nc, SERVICE);
    await this.consumers.start(erasureConsumers);
    // the trash: files deleted more than TRASH_DAYS ago are purged, with their blobs
    this.sweep = setInterval(() => {
      this.sweeping = this.sweepOnce();
    }, this.config.TRASH_SWEEP_INTERVAL_MS);
    this.sweep.unref();
  }

  private async sweepOnce(): Promise<void> {
    try {
      const purged = await this.files.purgeExpired();
      if (purged > 0) this.log.info({ purged }, 'purged files from the trash');
      if (this.storage instanceof DiskStorage) await this.storage.sweepTemp(24 * 60 * 60 * 1000);
    } catch (err) {
      this.log.error({ err }, 'trash sweep failed; trying again at the next sweep');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.sweep) clearInterval(this.sweep);
    await this.sweeping;
    await this.consumers?.stop();
    await this.relay?.stop();
    await this.client.close();
    await this.nc.drain();
  }
}
