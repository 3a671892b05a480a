import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Location, Person, PersonPage, SearchResult, Team, User, UserPage } from '@plein/contracts';
import { z } from 'zod';

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details (application/problem+json)',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {},
  },
};

/** The OpenAPI document at /api/docs.json and its UI at /api/docs. Schemas come from libs/contracts. */
export function setUpOpenApi(app: INestApplication, keycloakUrl: string): void {
  const realmAuth = (realm: string) => ({
    type: 'oauth2' as const,
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
        'Errors are application/problem+json.',
    )
    .setVersion('1')
    .addSecurity('staff', realmAuth('staff'))
    .addSecurity('clients', realmAuth('clients'))
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    User: z.toJSONSchema(User, { target: 'openapi-3.0' }) as never,
    UserPage: z.toJSONSchema(UserPage, { target: 'openapi-3.0' }) as never,
    SearchResult: z.toJSONSchema(SearchResult, { target: 'openapi-3.0' }) as never,
    Person: z.toJSONSchema(Person, { target: 'openapi-3.0' }) as never,
    PersonPage: z.toJSONSchema(PersonPage, { target: 'openapi-3.0' }) as never,
    Location: z.toJSONSchema(Location, { target: 'openapi-3.0' }) as never,
    Team: z.toJSONSchema(Team, { target: 'openapi-3.0' }) as never,
    Problem: PROBLEM_SCHEMA as never,
  };
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs.json',
    useGlobalPrefix: false,
  });
}
