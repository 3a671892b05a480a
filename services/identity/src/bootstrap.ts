import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import { PinoNestLogger, createLogger } from '@plein/config';
import { type IdentityConfig, SERVICE } from './identity.config.js';
import { IdentityModule } from './identity.module.js';

/** Starts the identity service as a NATS microservice in queue group `identity`. */
export async function startIdentity(config: IdentityConfig) {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(IdentityModule.forRoot(config), {
    transport: Transport.NATS,
    options: { servers: [config.NATS_URL], queue: SERVICE, name: SERVICE },
    logger: new PinoNestLogger(createLogger(SERVICE, config.LOG_LEVEL)),
  });
  app.enableShutdownHooks();
  await app.listen();
  return app;
}
