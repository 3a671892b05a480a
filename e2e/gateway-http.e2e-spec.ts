import { fetchToken } from '@plein/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSystem, startSystem, startTestGateway } from './support/system.js';

let system: RunningSystem;
let token: string;
beforeAll(async () => {
  system = await startSystem();
  token = await fetchToken('staff', 'staff.employee');
});
afterAll(async () => {
  await system?.close();
});

async function expectProblem(res: Response, status: number, code: string): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(text)).toMatchObject({ status, code, detail: expect.any(String) });
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

const send = (path: string, init: { method?: string; body?: string; type?: string }) =>
  fetch(`${system.url}${path}`, {
    method: init.method ?? 'POST',
    headers: { authorization: `Bearer ${token}`, ...(init.type ? { 'content-type': init.type } : {}) },
    body: init.body,
  });

describe('bad input at the edge', () => {
  it('malformed JSON → 400', async () => {
    await expectProblem(
      await send('/api/staff/v1/me', { body: '{"body": "hallo",', type: 'application/json' }),
      400,
      'malformed_json',
    );
  });

  it('a body over the limit → 413', async () => {
    const body = JSON.stringify({ body: 'x'.repeat(300 * 1024) });
    await expectProblem(
      await send('/api/staff/v1/me', { body, type: 'application/json' }),
      413,
      'content_too_large',
    );
  });

  it('a wrong content type → 415', async () => {
    await expectProblem(
      await send('/api/staff/v1/me', { body: 'hallo', type: 'text/plain' }),
      415,
      'unsupported_media_type',
    );
    await expectProblem(
      await send('/api/staff/v1/me', { body: '<a/>', type: 'application/xml' }),
      415,
      'unsupported_media_type',
    );
  });

  it('an unknown route → 404', async () => {
    await expectProblem(
      await fetch(`${system.url}/api/staff/v1/bestaat-niet`, {
        headers: { authorization: `Bearer ${token}` },
      }),
      404,
      'not_found',
    );
    await expectProblem(await fetch(`${system.url}/nergens`), 404, 'not_found');
  });

  it('every answer carries a request id, and a sane given one is kept', async () => {
    const res = await fetch(`${system.url}/health/live`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    const other = await fetch(`${system.url}/health/live`, {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('health and API docs', () => {
  it('live and ready answer 200 when NATS and identity answer', async () => {
    expect((await fetch(`${system.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${system.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { nats: 'up', identity: 'up', directory: 'up', timelines: 'up', knowledge: 'up', search: 'up' },
    });
  });

  it('ready answers 503 while a required service is missing', async () => {
    const gateway = await startTestGateway({
      NATS_URL: process.env['TEST_NATS_URL'],
      KEYCLOAK_URL: process.env['KEYCLOAK_URL'],
      LOG_LEVEL: 'warn',
      REQUIRED_SERVICES: 'identity,absent', // a service that never runs in the tests
    });
    try {
      const ready = await fetch(`${gateway.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        status: 'not ready',
        checks: { identity: 'up', absent: 'down' },
      });
    } finally {
      await gateway.app.close();
    }
  });

  it('serves the OpenAPI document and its UI', async () => {
    const doc = (await (await fetch(`${system.url}/api/docs.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/staff/v1/me',
        '/api/client/v1/me',
        '/api/admin/v1/users',
        '/health/ready',
      ]),
    );
    expect(doc.components.schemas).toHaveProperty('User');
    const ui = await fetch(`${system.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });
});
