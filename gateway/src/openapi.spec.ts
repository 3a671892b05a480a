import 'reflect-metadata';
import { Body, Controller, Delete, Get, HttpCode, Module, Param, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ReactionSet } from '@plein/contracts';
import { InTree, PublicRoute } from './auth/route-tree.decorator.js';
import { loadGatewayConfig } from './gateway.config.js';
import { GatewayModule } from './gateway.module.js';
import { Answers, Takes, TakesQuery } from './http/route-docs.decorator.js';
import { buildOpenApiDocument, openApiDocumentOf, realmsOf, routeFacts, type RouteFacts } from './openapi.js';

type Json = Record<string, unknown>;
const PROBLEM_REF = '#/components/schemas/Problem';

function operationOf(
  document: OpenAPIObject,
  operationId: string,
): { path: string; operation: Json } | undefined {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as Json[]) {
      if (operation['operationId'] === operationId) return { path, operation };
    }
  }
  return undefined;
}

const isSchema = (schema: unknown): boolean =>
  typeof schema === 'object' && schema !== null && Object.keys(schema).length > 0;

/**
 * What a route's operation lacks, in words: a request schema when it takes a body, a response schema
 * (or 204 without content), a 4xx problem+json answer, its parameters, the answers its shape implies,
 * the security of its route tree. Empty when the operation is complete.
 */
function gapsOf(document: OpenAPIObject, operationId: string, facts: RouteFacts): string[] {
  const found = operationOf(document, operationId);
  if (!found) return ['not in the document'];
  const { path, operation } = found;
  const gaps: string[] = [];
  // a shared answer (#/components/responses/…) counts as what it refers to
  const shared = (document.components?.responses ?? {}) as unknown as Record<string, Json>;
  const responses = Object.fromEntries(
    Object.entries((operation['responses'] ?? {}) as Record<string, Json>).map(([status, answer]) => [
      status,
      typeof answer['$ref'] === 'string'
        ? shared[answer['$ref'].replace('#/components/responses/', '')]!
        : answer,
    ]),
  );
  const content = (r: Json | undefined) => (r?.['content'] ?? {}) as Record<string, { schema?: unknown }>;

  // the answer
  const success = responses[String(facts.status)];
  if (!success) gaps.push(`no ${facts.status} answer (the status the route really gives)`);
  else if (facts.status === 204) {
    if (success['content']) gaps.push('a 204 with content');
  } else if (!Object.values(content(success)).some((c) => isSchema(c.schema)))
    gaps.push(`no response schema for ${facts.status}`);
  if (facts.docs?.answers === undefined) gaps.push('no @Answers');

  // the body
  const body = operation['requestBody'] as Json | undefined;
  if (facts.takesBody) {
    if (!body || !Object.values(content(body)).some((c) => isSchema(c.schema)))
      gaps.push('no request schema');
  } else if (body) gaps.push('a request body on a route that reads none');

  // problem answers
  const problems = Object.entries(responses).filter(([status]) => /^4\d\d$/.test(status));
  for (const [status, answer] of problems) {
    if (content(answer)['application/problem+json']?.schema === undefined)
      gaps.push(`${status} is not application/problem+json`);
    else if ((content(answer)['application/problem+json']!.schema as Json)['$ref'] !== PROBLEM_REF)
      gaps.push(`${status} is not a Problem`);
  }
  const has = (status: number) => responses[String(status)] !== undefined;
  const parameters = (operation['parameters'] ?? []) as Json[];
  const inputless = !facts.takesBody && parameters.length === 0;
  if (problems.length === 0 && !(facts.access?.kind === 'public' && inputless))
    gaps.push('no 4xx problem answer');
  if (facts.access?.kind === 'tree') {
    for (const status of [401, 403, 503]) if (!has(status)) gaps.push(`no ${status}`);
  }
  if (facts.takesBody)
    for (const status of [400, 413]) if (!has(status)) gaps.push(`a body but no ${status}`);

  // parameters
  for (const name of [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)) {
    const parameter = parameters.find((p) => p['in'] === 'path' && p['name'] === name);
    if (!parameter || !isSchema(parameter['schema'])) gaps.push(`path parameter ${name} undescribed`);
    if (!has(400) || !has(404)) gaps.push(`path parameter ${name} but no 400 and 404`);
  }
  const query = parameters.filter((p) => p['in'] === 'query');
  for (const name of facts.queryNames) {
    if (name === '*' ? query.length === 0 : !query.some((p) => p['name'] === name))
      gaps.push(`query ${name} undescribed`);
  }
  if (query.some((p) => !isSchema(p['schema']))) gaps.push('a query parameter without a schema');

  // security
  const expected = facts.access ? realmsOf(facts.access).map((realm) => ({ [realm]: [] })) : undefined;
  if (!expected) gaps.push('no access rule');
  else expect.soft(operation['security'], `${operationId} security`).toEqual(expected);
  return gaps;
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string' ? [child] : refsIn(child),
  );
}

describe('the OpenAPI document of the gateway', () => {
  const config = loadGatewayConfig({
    LOG_LEVEL: 'silent',
    NATS_USER: 'gateway',
    NATS_PASSWORD: 'not-connected',
  });
  const facts = routeFacts(GatewayModule.forRoot(config).controllers ?? []);
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await openApiDocumentOf(config);
  });

  it('finds the routes', () => {
    expect(facts.size).toBeGreaterThan(70);
  });

  for (const [operationId, route] of facts) {
    it(`${route.method.toUpperCase()} ${operationId}: body, answer, problems, parameters, security`, () => {
      expect(gapsOf(document, operationId, route)).toEqual([]);
    });
  }

  it('has a unique operationId on every operation', () => {
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.values(item as Record<string, Json>).map((op) => op['operationId']),
    );
    expect(ids.length).toBe(facts.size);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says where the API is and how to sign in', () => {
    expect(document.servers).toEqual([{ url: '/', description: 'This gateway' }]);
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(['clients', 'staff']);
  });

  it('lets the client tree take both realms, the staff and admin trees only staff', () => {
    expect(operationOf(document, 'ClientPostsController_create')?.operation['security']).toEqual([
      { staff: [] },
      { clients: [] },
    ]);
    expect(operationOf(document, 'StaffPostsController_create')?.operation['security']).toEqual([
      { staff: [] },
    ]);
    expect(operationOf(document, 'AdminUsersController_list')?.operation['security']).toEqual([
      { staff: [] },
    ]);
    expect(operationOf(document, 'HealthController_live')?.operation['security']).toEqual([]);
  });

  it('takes its schemas from the contracts, and every $ref resolves to a component that is used', () => {
    const schemas = (document.components?.schemas ?? {}) as Record<string, Json>;
    const refs = new Set(refsIn(document).filter((ref) => ref.startsWith('#/components/schemas/')));
    for (const ref of refs) expect(schemas, ref).toHaveProperty(ref.replace('#/components/schemas/', ''));
    const responses = document.components?.responses ?? {};
    for (const ref of refsIn(document).filter((r) => r.startsWith('#/components/responses/')))
      expect(responses, ref).toHaveProperty(ref.replace('#/components/responses/', ''));
    for (const name of Object.keys(schemas)) expect(refs, name).toContain(`#/components/schemas/${name}`);
    // a post as the contract says: required fields, enums by reference
    expect(schemas['Post']?.['required']).toEqual(
      expect.arrayContaining(['id', 'author', 'audience', 'body']),
    );
    expect((schemas['Post']?.['properties'] as Json)['audience']).toEqual({
      $ref: '#/components/schemas/Audience',
    });
    // what a client sends: a default makes a field optional (PostCreate.type defaults to "post")
    expect(schemas['PostCreate']?.['required']).not.toContain('type');
    expect(schemas['Problem']?.['required']).toEqual(['type', 'title', 'status', 'detail', 'code']);
  });

  it('documents the photo upload as bytes and the live feed as an event stream', () => {
    const upload = operationOf(document, 'StaffPeopleController_putPhoto')!.operation;
    expect(Object.keys((upload['requestBody'] as Json)['content'] as Json)).toContain('image/jpeg');
    expect(Object.keys(upload['responses'] as Json)).toEqual(
      expect.arrayContaining(['200', '400', '409', '413', '415', '422']),
    );
    const stream = operationOf(document, 'ClientFeedStreamController_stream')!.operation;
    expect(Object.keys(((stream['responses'] as Json)['200'] as Json)['content'] as Json)).toEqual([
      'text/event-stream',
    ]);
  });
});

// A small module that shows what the decorators write, and that the check above fails on a bare route.
const Upload = z.object({ file: z.file(), title: z.string().max(200).optional() });
const Note = z.object({ text: z.string(), pinned: z.boolean().default(false) });

@InTree('client')
@Controller('api/client/v1/notes')
class NotesController {
  @Post()
  @Takes(ReactionSet)
  @Answers(ReactionSet, { problems: { 409: 'Already noted' } })
  create(@Body() body: unknown) {
    return ReactionSet.parse(body);
  }

  @Post(':id/files')
  @Takes(Upload, { as: 'multipart' })
  @Answers(z.object({ id: z.uuid() }))
  attach(@Param('id') id: string) {
    return { id };
  }

  @Get(':n')
  @TakesQuery(z.object({ q: z.string().min(1) }))
  @Answers(Note, { params: { n: z.coerce.number().int().min(1).describe('The version number') } })
  version(@Param('n') n: string, @Query('q') q: string) {
    return { text: `${n}${q}`, pinned: false };
  }

  @Delete(':id')
  @HttpCode(204)
  @Answers(null)
  remove(@Param('id') _id: string): void {}

  // no @Takes, no @Answers, an undescribed query and a non-uuid path parameter
  @Post(':slug/bare')
  bare(@Param('slug') slug: string, @Body() body: unknown, @Query('x') x?: string) {
    return { slug, body, x };
  }
}

@PublicRoute()
@Controller('ping')
class PingController {
  @Get()
  @Answers(z.object({ ok: z.literal(true) }))
  ping() {
    return { ok: true };
  }
}

@Module({ controllers: [NotesController, PingController] })
class NotesModule {}

describe('the route decorators', () => {
  const facts = routeFacts([NotesController, PingController]);
  let document: OpenAPIObject;
  beforeAll(async () => {
    const app = await NestFactory.create(NotesModule, { logger: false });
    document = buildOpenApiDocument(app, 'http://keycloak.test');
    await app.close();
  });
  const op = (id: string) => operationOf(document, id)!.operation;
  const schemas = () => (document.components?.schemas ?? {}) as Record<string, Json>;

  it('writes a JSON body and its answer; a contract on both sides with a default becomes two components', () => {
    expect(gapsOf(document, 'NotesController_create', facts.get('NotesController_create')!)).toEqual([]);
    const create = op('NotesController_create');
    expect(create['requestBody']).toEqual({
      // {} would do: the kind defaults to like
      required: false,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ReactionSetInput' } } },
    });
    expect((create['responses'] as Json)['201']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ReactionSet' } } },
    });
    expect(Object.keys(create['responses'] as Json).sort()).toEqual(
      ['201', '400', '401', '403', '409', '413', '415', '503'].sort(),
    );
    expect(schemas()['ReactionSetInput']?.['required']).toBeUndefined();
    expect(schemas()['ReactionSet']?.['required']).toEqual(['kind']);
  });

  it('writes a multipart body with the file as binary', () => {
    expect(gapsOf(document, 'NotesController_attach', facts.get('NotesController_attach')!)).toEqual([]);
    const body = op('NotesController_attach')['requestBody'] as Json;
    const schema = ((body['content'] as Json)['multipart/form-data'] as Json)['schema'] as Json;
    expect((schema['properties'] as Json)['file']).toMatchObject({ type: 'string', format: 'binary' });
    expect(schema['required']).toEqual(['file']);
  });

  it('writes declared path parameters and the query from its schema', () => {
    expect(gapsOf(document, 'NotesController_version', facts.get('NotesController_version')!)).toEqual([]);
    expect(op('NotesController_version')['parameters']).toEqual([
      {
        name: 'n',
        in: 'path',
        required: true,
        description: 'The version number',
        schema: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      },
      { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 1 } },
    ]);
  });

  it('writes a 204 without content, and a public route without security', () => {
    expect(gapsOf(document, 'NotesController_remove', facts.get('NotesController_remove')!)).toEqual([]);
    expect((op('NotesController_remove')['responses'] as Json)['204']).toEqual({ description: 'No content' });
    expect(gapsOf(document, 'PingController_ping', facts.get('PingController_ping')!)).toEqual([]);
    expect(op('PingController_ping')['security']).toEqual([]);
  });

  it('finds every gap of an undecorated route', () => {
    expect(gapsOf(document, 'NotesController_bare', facts.get('NotesController_bare')!)).toEqual([
      'no response schema for 201',
      'no @Answers',
      'no request schema',
      'a body but no 400',
      'a body but no 413',
      'path parameter slug undescribed',
      'path parameter slug but no 400 and 404',
      'query x undescribed',
    ]);
  });
});
