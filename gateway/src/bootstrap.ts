import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PinoNestLogger, createLogger } from '@plein/config';
import type { GatewayConfig } from './gateway.config.js';
import { GatewayModule } from './gateway.module.js';
import { jsonBody } from './http/body.middleware.js';
import { requestLog } from './http/request-log.middleware.js';
import { setUpOpenApi } from './openapi.js';
import { PHOTO_UPLOAD_ROUTE } from './routes/people.controller.js';
import { DOCUMENT_UPLOAD_ROUTES } from './routes/documents.controller.js';
import { DEFAULT_PORTALS_ROOT, servePortals } from './portals/portals.middleware.js';

/** Builds the gateway app (not yet listening). */
export async function createGateway(config: GatewayConfig): Promise<NestExpressApplication> {
  const log = createLogger('gateway', config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config), {
    bodyParser: false,
    logger: new PinoNestLogger(log),
  });
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestLog(log));
  app.use(
    jsonBody(config.BODY_LIMIT_BYTES, [PHOTO_UPLOAD_ROUTE(config.PHOTO_LIMIT_BYTES)], DOCUMENT_UPLOAD_ROUTES),
  );
  // The built staff portal at /, the client portal at /mijn/ (public static files; see servePortals).
  app.use(
    servePortals({
      root: config.PORTALS_DIR ?? DEFAULT_PORTALS_ROOT,
      keycloakUrl: config.KEYCLOAK_ISSUER_BASE ?? config.KEYCLOAK_URL,
    }),
  );
  setUpOpenApi(app, config.KEYCLOAK_URL.replace(/\/+$/, ''));
  app.enableShutdownHooks();
  return app;
}

export async function startGateway(config: GatewayConfig): Promise<NestExpressApplication> {
  const app = await createGateway(config);
  await app.listen(config.PORT, config.HOST);
  return app;
}
