import 'reflect-metadata';
import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PinoNestLogger, createLogger } from '@plein/config';
import { type NatsAccess, natsTransport } from './nats.js';

export interface ServiceStart {
  /** The service's name: its NATS queue group, the prefix of its RPC subjects, its log name. */
  service: string;
  /** The service's root module, configured (`<Name>Module.forRoot(config)`). */
  module: DynamicModule;
  /** The validated config: where NATS is and the service's own NATS user (deploy/nats/permissions.conf). */
  config: NatsAccess & { LOG_LEVEL: string };
}

/**
 * Starts a service as a NATS microservice answering its `<service>.*` RPCs in queue group `<service>` (so
 * replicas share the load), connected as its own NATS user, with structured logs and shutdown hooks.
 * Every service's bootstrap is this one call.
 */
export async function startService({ service, module, config }: ServiceStart): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(module, {
    ...natsTransport(config, service, service),
    logger: new PinoNestLogger(createLogger(service, config.LOG_LEVEL)),
  });
  app.enableShutdownHooks();
  await app.listen();
  return app;
}
