import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import { PinoNestLogger, createLogger } from '@plein/config';
import { type KnowledgeConfig, SERVICE } from './knowledge.config.js';
import { KnowledgeModule } from './knowledge.module.js';

/** Starts the knowledge service as a NATS microservice in queue group `knowledge`. */
export async function startKnowledge(config: KnowledgeConfig) {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(KnowledgeModule.forRoot(config), {
    transport: Transport.NATS,
    options: { servers: [config.NATS_URL], queue: SERVICE, name: SERVICE },
    logger: new PinoNestLogger(createLogger(SERVICE, config.LOG_LEVEL)),
  });
  app.enableShutdownHooks();
  await app.listen();
  return app;
}
