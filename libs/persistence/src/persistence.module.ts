import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { type ServiceDatabase, serviceOrmConfig } from './orm-config.js';
import { RequestContextInterceptor } from './request-context.interceptor.js';

/** Provides the service's MikroORM (its own schema) and a request context for every handler. */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  static forService(db: ServiceDatabase): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        { provide: MikroORM, useFactory: () => MikroORM.init(serviceOrmConfig(db)) },
        { provide: EntityManager, useFactory: (orm: MikroORM) => orm.em, inject: [MikroORM] },
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
      ],
      exports: [MikroORM, EntityManager],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.orm.close();
  }
}
