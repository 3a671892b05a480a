import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import { PinoNestLogger, createLogger } from '@plein/config';
import { type DirectoryConfig, SERVICE } from './directory.config.js';
import { DirectoryModule } from './directory.module.js';

/** Starts the directory service as a NATS microservice in queue group `directory`. */
export async function startDirectory(config: DirectoryConfig) {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(DirectoryModule.forRoot(config), {
    transport: Transport.NATS,
    options: { servers: [config.NATS_URL], queue: SERVICE, name: SERVICE },
    logger: new PinoNestLogger(createLogger(SERVICE, config.LOG_LEVEL)),
  });
  app.enableShutdownHooks();
  await app.listen();
  return app;
}
