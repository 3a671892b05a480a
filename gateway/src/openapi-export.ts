import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadGatewayConfig } from './gateway.config.js';
import { openApiDocumentOf } from './openapi.js';

/**
 * Writes the gateway's OpenAPI document to a file, from the gateway module itself (no server, no NATS):
 * `node gateway/dist/openapi-export.js <file>`. `npm run lint:openapi` lints what it writes.
 */
const target = resolve(process.argv[2] ?? 'gateway/dist/openapi.json');
const document = await openApiDocumentOf(
  loadGatewayConfig({
    // the document is built without connecting to NATS, so no credentials are needed for it
    NATS_USER: 'gateway',
    NATS_PASSWORD: 'not-connected',
    ...process.env,
    LOG_LEVEL: 'silent',
  }),
);
await mkdir(dirname(target), { recursive: true });
await writeFile(target, `${JSON.stringify(document, null, 2)}\n`);
console.log(`openapi: ${Object.keys(document.paths).length} paths written to ${target}`);
