import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import { PinoNestLogger, createLogger } from '@plein/config';
import { SERVICE, type TimelinesConfig } from './timelines.config.js';
import { TimelinesModule } from './timelines.module.js';

/** Starts the timelines service as a NATS microservice in queue group `timelines`. */
export async function startTimelines(config: TimelinesConfig) {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(TimelinesModule.forRoot(config), {
    transport: Transport.NATS,
    options: { servers: [config.NATS_URL], queue: SERVICE, name: SERVICE },
    logger: new PinoNestLogger(createLogger(SERVICE, config.LOG_LEVEL)),
  });
  app.enableShutdownHooks();
  await app.listen();
  return app;
}
