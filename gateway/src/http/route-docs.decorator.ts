import { SetMetadata } from '@nestjs/common';
import type { RpcContract } from '@plein/contracts';
import type { z } from 'zod';

/**
 * How a gateway route describes itself in the OpenAPI document, from the zod contracts. Three decorators
 * on a handler; `gateway/src/openapi.ts` reads them and writes the operation (body, parameters, answers,
 * problem answers, security). Everything the route's shape already says is derived there, not declared:
 * the success status (from `@HttpCode` or the method), 401/403 from the route tree, 400/404 from path
 * parameters, 400/413/415 from a body, 503 from the services behind the gateway.
 *
 *   @Post(':id/comments')
 *   @Takes(CommentCreate)
 *   @Answers(R.createComment)
 *   comment(...)
 */
export const ROUTE_DOCS = 'plein:route-docs';

/** A zod schema, or an RPC contract whose request (for `@Takes`) or response (for `@Answers`) is meant. */
export type ContractLike = z.ZodType | RpcContract<z.ZodType, z.ZodType>;
/** Bytes of one or more media types instead of JSON: an uploaded photo, an image, an event stream. */
export interface MediaBody {
  media: readonly string[];
  description?: string;
}
/** Problem answers (application/problem+json) a route gives beyond those its shape implies: status → why. */
export type ProblemAnswers = Partial<Record<400 | 403 | 404 | 409 | 413 | 415 | 422 | 429, string>>;

export interface RouteDocs {
  takes?: { schema: z.ZodType; as: 'json' | 'multipart' } | { media: MediaBody };
  query?: z.ZodType;
  /** null: no content (204). */
  answers?: { schema: z.ZodType } | { media: MediaBody } | null;
  description?: string;
  problems?: ProblemAnswers;
  /** Path parameters that are not uuids (every `:id` and `:…Id` is one unless said here). */
  params?: Record<string, z.ZodType>;
  /** Other statuses that answer with the same JSON body (a readiness check's 503): status → why. */
  also?: Record<number, string>;
}

const isContract = (value: ContractLike): value is RpcContract<z.ZodType, z.ZodType> =>
  'pattern' in value && 'request' in value && 'response' in value;

const addDocs = (docs: RouteDocs): MethodDecorator => {
  return (target, key, descriptor) => {
    const previous = (Reflect.getMetadata(ROUTE_DOCS, descriptor.value as object) ?? {}) as RouteDocs;
    const merged: RouteDocs = {
      ...previous,
      ...docs,
      problems: { ...previous.problems, ...docs.problems },
      params: { ...previous.params, ...docs.params },
    };
    return SetMetadata(ROUTE_DOCS, merged)(target, key, descriptor);
  };
};

/**
 * The request body: a contract's request or a zod schema, sent as JSON (default) or as multipart/form-data
 * (`{ as: 'multipart' }`; file fields are `z.file()`), or raw bytes of the given media types.
 */
export function Takes(
  body: ContractLike | MediaBody,
  options: { as?: 'json' | 'multipart' } = {},
): MethodDecorator {
  if ('media' in body) return addDocs({ takes: { media: body } });
  return addDocs({ takes: { schema: isContract(body) ? body.request : body, as: options.as ?? 'json' } });
}

/** The query parameters: one per property of a zod object (a contract's request or a schema). */
export function TakesQuery(query: ContractLike): MethodDecorator {
  return addDocs({ query: isContract(query) ? query.request : query });
}

/**
 * The success answer: a contract's response or a zod schema as JSON, raw bytes of a media type, or `null`
 * for no content (204). `problems` adds the problem answers only this route gives (409, 422, …), each with
 * why; `params` describes path parameters that are not uuids.
 */
export function Answers(
  answer: ContractLike | MediaBody | null,
  options: Pick<RouteDocs, 'description' | 'problems' | 'params' | 'also'> = {},
): MethodDecorator {
  const answers: RouteDocs['answers'] =
    answer === null
      ? null
      : 'media' in answer
        ? { media: answer }
        : { schema: isContract(answer) ? answer.response : answer };
  return addDocs({ answers, ...options });
}
