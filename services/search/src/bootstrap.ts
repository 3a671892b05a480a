import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import { PinoNestLogger, createLogger } from '@plein/config';
import { type SearchConfig, SERVICE } from './search.config.js';
import { SearchModule } from './search.module.js';

/** Starts the search service as a NATS microservice in queue group `search`. */
export async function startSearch(config: SearchConfig) {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(SearchModule.forRoot(config), {
    transport: Transport.NATS,
    options: { servers: [config.NATS_URL], queue: SERVICE, name: SERVICE },
    logger: new PinoNestLogger(createLogger(SERVICE, config.LOG_LEVEL)),
  });
  app.enableShutdownHooks();
  await app.listen();
  return app;
}
