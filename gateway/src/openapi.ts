import { type INestApplication, RequestMethod, type Type } from '@nestjs/common';
import {
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { realmRule } from '@plein/auth';
import { ROLES_BY_REALM, type Realm } from '@plein/contracts';
import { ROUTE_ACCESS, type RouteAccess } from './auth/route-tree.decorator.js';
import type { GatewayConfig } from './gateway.config.js';
import { GatewayModule } from './gateway.module.js';
import { ContractSchemas, type JsonSchema } from './http/contract-schemas.js';
import { Problem } from './http/problem.js';
import { ROUTE_DOCS, type RouteDocs } from './http/route-docs.decorator.js';

const REALMS: readonly Realm[] = ['staff', 'clients'];
/** Keycloak's realm name is the security scheme's name in the document. */
const REALM_SCHEME: Record<Realm, string> = { staff: 'staff', clients: 'clients' };

/** What the route itself says about one handler: where it is, its status, its access rule, its docs. */
export interface RouteFacts {
  controller: Type;
  handler: string;
  method: string;
  status: number;
  access: RouteAccess | undefined;
  docs: RouteDocs | undefined;
  /** Takes `@Body()` (JSON) or is a raw-body route (`@Takes({ media })`). */
  takesBody: boolean;
  /** Names of `@Query('name')` parameters; `'*'` for a whole `@Query()` object. */
  queryNames: string[];
}

/** The facts of every handler of these controllers, by the operationId Nest gives them. */
export function routeFacts(controllers: readonly Type[]): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const controller of controllers) {
    const proto = controller.prototype as Record<string, object>;
    for (const handler of Object.getOwnPropertyNames(proto)) {
      const fn = proto[handler];
      if (handler === 'constructor' || !fn || Reflect.getMetadata(PATH_METADATA, fn) === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod].toLowerCase();
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<
        string,
        { data?: unknown }
      >;
      const argsOf = (type: RouteParamtypes) =>
        Object.entries(args)
          .filter(([key]) => Number(key.split(':')[0]) === Number(type))
          .map(([, arg]) => arg);
      const docs = Reflect.getMetadata(ROUTE_DOCS, fn) as RouteDocs | undefined;
      facts.set(`${controller.name}_${handler}`, {
        controller,
        handler,
        method,
        status:
          (Reflect.getMetadata(HTTP_CODE_METADATA, fn) as number | undefined) ??
          (method === 'post' ? 201 : 200),
        access:
          (Reflect.getMetadata(ROUTE_ACCESS, fn) as RouteAccess | undefined) ??
          (Reflect.getMetadata(ROUTE_ACCESS, controller) as RouteAccess | undefined),
        docs,
        // JSON through @Body(); bytes and multipart through @Req() or an upload interceptor, as @Takes says
        takesBody:
          argsOf(RouteParamtypes.BODY).length > 0 ||
          argsOf(RouteParamtypes.RAW_BODY).length > 0 ||
          (!!docs?.takes && ('media' in docs.takes || docs.takes.as === 'multipart')),
        queryNames: argsOf(RouteParamtypes.QUERY).map((a) => (typeof a.data === 'string' ? a.data : '*')),
      });
    }
  }
  return facts;
}

/** The realms whose tokens a route tree takes, from the realm rule itself (admin: staff, role checked). */
export function realmsOf(access: RouteAccess): Realm[] {
  if (access.kind === 'public') return [];
  return REALMS.filter((realm) => realmRule(access.tree, realm, ROLES_BY_REALM[realm]).allowed);
}

const PROBLEM_TEXT = {
  400: 'Invalid input: `errors` lists each issue',
  401: 'No token, or a bad, expired or foreign one',
  403: 'Not allowed: a token of a realm (or without the role) this route tree does not take, or an action the caller may not do',
  404: 'No such thing, or the caller may not see it',
  413: 'The body is larger than the gateway takes',
  415: 'The body is not of a media type this route takes (JSON: application/json)',
  503: 'A service behind the gateway did not answer',
} as const;

/** The shared problem answers (`#/components/responses/…`), for the statuses with their usual meaning. */
const PROBLEM_NAME: Record<keyof typeof PROBLEM_TEXT, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  413: 'ContentTooLarge',
  415: 'UnsupportedMediaType',
  503: 'ServiceUnavailable',
};

const problemAnswer = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: 'plein-side:output:Problem' } } },
});

/** A route's own reason gets its own answer; the usual one refers to the shared answer. */
function problemAnswerOf(status: number, why: string, shared: Set<number>): Record<string, unknown> {
  const usual = (PROBLEM_TEXT as Record<number, string>)[status];
  if (usual !== why) return problemAnswer(why);
  shared.add(status);
  return { $ref: `#/components/responses/${PROBLEM_NAME[status as keyof typeof PROBLEM_TEXT]}` };
}

const SUCCESS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
};

const mediaSchema = (media: string): JsonSchema =>
  media.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' };

/** "posts" → "post", "people" → "person": the thing a path parameter names, for its description. */
const singular = (segment: string) =>
  segment === 'people'
    ? 'person'
    : segment.endsWith('ies')
      ? `${segment.slice(0, -3)}y`
      : segment.replace(/s$/, '');

/** Writes one operation from the route's facts and its `@Takes` / `@TakesQuery` / `@Answers`. */
function describeOperation(
  operation: Record<string, unknown>,
  path: string,
  facts: RouteFacts,
  schemas: ContractSchemas,
  sharedProblems: Set<number>,
): void {
  const docs = facts.docs ?? {};
  const problems: Record<number, string> = {};
  const tree = facts.access?.kind === 'tree';
  if (tree)
    Object.assign(problems, { 401: PROBLEM_TEXT[401], 403: PROBLEM_TEXT[403], 503: PROBLEM_TEXT[503] });

  const parameters: Record<string, unknown>[] = [];
  const segments = path.split('/');
  segments.forEach((segment, i) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (!name) return;
    const declared = docs.params?.[name];
    const uuid = name === 'id' || name.endsWith('Id');
    if (!declared && !uuid) return; // undescribed: the spec test names it
    const { description, ...schema } = declared
      ? schemas.convert(declared, 'input')
      : { description: undefined, type: 'string', format: 'uuid' };
    const thing =
      name === 'id' ? singular(segments[i - 1] ?? 'thing') : name === 'userId' ? 'person' : name.slice(0, -2);
    parameters.push({
      name,
      in: 'path',
      required: true,
      description: typeof description === 'string' ? description : `The ${thing}'s id`,
      schema,
    });
    problems[400] = PROBLEM_TEXT[400];
    problems[404] = PROBLEM_TEXT[404];
  });
  if (docs.query) {
    const query = schemas.convert(docs.query, 'input', { inline: true });
    const required = new Set((query['required'] as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((query['properties'] ?? {}) as Record<string, JsonSchema>)) {
      const { description, ...rest } = schema;
      parameters.push({
        name,
        in: 'query',
        required: required.has(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: rest,
      });
    }
    problems[400] = PROBLEM_TEXT[400];
  }
  if (parameters.length > 0 || !('parameters' in operation)) operation['parameters'] = parameters;
  else
    operation['parameters'] = (operation['parameters'] as { in: string }[]).filter((p) => p.in === 'header');

  if (docs.takes) {
    if ('media' in docs.takes) {
      operation['requestBody'] = {
        required: true,
        ...(docs.takes.media.description ? { description: docs.takes.media.description } : {}),
        content: Object.fromEntries(docs.takes.media.media.map((m) => [m, { schema: mediaSchema(m) }])),
      };
      Object.assign(problems, { 400: PROBLEM_TEXT[400], 413: PROBLEM_TEXT[413] });
    } else {
      const media = docs.takes.as === 'multipart' ? 'multipart/form-data' : 'application/json';
      operation['requestBody'] = {
        // a controller reads a missing body as {}: required only when {} would not do
        required: !docs.takes.schema.safeParse({}).success,
        content: { [media]: { schema: schemas.convert(docs.takes.schema, 'input') } },
      };
      Object.assign(problems, { 400: PROBLEM_TEXT[400], 413: PROBLEM_TEXT[413], 415: PROBLEM_TEXT[415] });
    }
  }

  const responses: Record<string, unknown> = {};
  const description = docs.description ?? SUCCESS_TEXT[facts.status] ?? 'OK';
  if (docs.answers === null) responses[facts.status] = { description };
  else if (docs.answers && 'media' in docs.answers) {
    responses[facts.status] = {
      description: docs.answers.media.description ?? description,
      content: Object.fromEntries(docs.answers.media.media.map((m) => [m, { schema: mediaSchema(m) }])),
    };
  } else if (docs.answers) {
    const schema = schemas.convert(docs.answers.schema, 'output');
    responses[facts.status] = { description, content: { 'application/json': { schema } } };
    for (const [status, why] of Object.entries(docs.also ?? {}))
      responses[status] = { description: why, content: { 'application/json': { schema } } };
  } else if (operation['responses']) Object.assign(responses, operation['responses']);
  Object.assign(problems, docs.problems);
  for (const [status, why] of Object.entries(problems))
    responses[status] ??= problemAnswerOf(Number(status), why, sharedProblems);
  operation['responses'] = responses;
  operation['security'] = facts.access
    ? realmsOf(facts.access).map((realm) => ({ [REALM_SCHEME[realm]]: [] }))
    : [];
}

/** The controllers the app has, from Nest's module container. */
function controllersOf(app: INestApplication): Type[] {
  return [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => wrapper.metatype as Type),
  );
}

/**
 * The OpenAPI document of the gateway: Nest's scan of the routes (paths, summaries, tags), then each
 * operation written from its route facts and its `@Takes` / `@TakesQuery` / `@Answers`, with the
 * schemas from libs/contracts (`ContractSchemas`).
 */
export function buildOpenApiDocument(app: INestApplication, keycloakUrl: string): OpenAPIObject {
  const realmAuth = (realm: string) => ({
    type: 'oauth2' as const,
    description: `Keycloak realm "${realm}": a bearer access token from the authorization-code flow`,
    flows: {
      authorizationCode: {
        authorizationUrl: `${keycloakUrl}/realms/${realm}/protocol/openid-connect/auth`,
        tokenUrl: `${keycloakUrl}/realms/${realm}/protocol/openid-connect/token`,
        scopes: {},
      },
    },
  });
  const config = new DocumentBuilder()
    .setTitle('Plein API')
    .setDescription(
      'Plein, the social intranet for staff and clients. `/api/staff/v1` takes staff-realm tokens; ' +
        '`/api/client/v1` takes clients-realm and staff-realm tokens; `/api/admin/v1` needs the staff role admin. ' +
        'Errors are application/problem+json (RFC 9457).',
    )
    .setVersion('1')
    .addServer('/', 'This gateway')
    .addSecurity(REALM_SCHEME.staff, realmAuth('staff'))
    .addSecurity(REALM_SCHEME.clients, realmAuth('clients'))
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const facts = routeFacts(controllersOf(app));
  const schemas = new ContractSchemas({ Problem });
  schemas.convert(Problem, 'output');
  const sharedProblems = new Set<number>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as Record<string, unknown>[]) {
      const found = facts.get(operation['operationId'] as string);
      if (found) describeOperation(operation, path, found, schemas, sharedProblems);
    }
  }
  const responses = Object.fromEntries(
    [...sharedProblems]
      .sort()
      .map((status) => status as keyof typeof PROBLEM_TEXT)
      .map((status) => [PROBLEM_NAME[status], problemAnswer(PROBLEM_TEXT[status])]),
  );
  document.components = {
    ...document.components,
    responses: { ...document.components?.responses, ...responses },
  };
  const components = schemas.finish(document);
  document.components.schemas = { ...document.components.schemas, ...components };
  return document;
}

/** The OpenAPI document at /api/docs.json and its UI at /api/docs, built on the first request (not at boot). */
export function setUpOpenApi(app: INestApplication, keycloakUrl: string): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app, keycloakUrl), {
    jsonDocumentUrl: 'api/docs.json',
    useGlobalPrefix: false,
  });
}

/** The document of the real gateway module, without starting a server or connecting to NATS (tests, lint). */
export async function openApiDocumentOf(config: GatewayConfig): Promise<OpenAPIObject> {
  const app = await NestFactory.create(GatewayModule.forRoot(config), { logger: false, bodyParser: false });
  try {
    return buildOpenApiDocument(app, config.KEYCLOAK_URL.replace(/\/+$/, ''));
  } finally {
    await app.close();
  }
}
