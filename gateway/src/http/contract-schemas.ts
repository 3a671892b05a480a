import * as contracts from '@plein/contracts';
import { z } from 'zod';

/** A JSON Schema object as it goes into the OpenAPI document. */
export type JsonSchema = Record<string, unknown>;
/** Which side of a schema: what a client sends (defaults optional) or what it gets back (defaults filled in). */
export type SchemaSide = 'input' | 'output';

type Meta = z.core.GlobalMeta;
const COMPONENT_PREFIX = '#/components/schemas/';
const DEFINITION_PREFIX = '#/definitions/';

/**
 * Every zod schema exported by name from `@plein/contracts`, under that name: the OpenAPI component names.
 * A schema that is only a bare string, number or boolean (an id, a size) stays inline: a `$ref` to "Id" says
 * less than `format: uuid`.
 */
function contractNames(extra: Readonly<Record<string, z.ZodType>>): Map<z.ZodType, string> {
  const names = new Map<z.ZodType, string>();
  for (const [name, value] of Object.entries({ ...contracts, ...extra })) {
    if (!(value instanceof z.ZodType) || names.has(value)) continue;
    const type: string = value.def.type;
    if (type === 'string' || type === 'number' || type === 'boolean') continue;
    names.set(value, name);
  }
  return names;
}

/**
 * Turns the zod contracts into OpenAPI 3.0 schemas with zod 4's own converter (`z.toJSONSchema`, target
 * `openapi-3.0`). Contract schemas used by a route become shared components named after their export; the
 * rest is inlined. A schema used both as a request and as an answer gets two components when the two sides
 * differ (defaults, transforms): `X` for the answer and `XInput` for the request.
 */
export class ContractSchemas {
  private readonly names: Map<z.ZodType, string>;
  /** The zod metadata the converter reads: the global one (descriptions, examples) plus the component id. */
  private readonly metadata: z.core.$ZodRegistry<Meta>;
  /** Raw definitions per side, as the converter gave them (refs still `#/definitions/<name>`). */
  private readonly definitions: Record<SchemaSide, Map<string, JsonSchema>> = {
    input: new Map(),
    output: new Map(),
  };

  constructor(extra: Readonly<Record<string, z.ZodType>> = {}) {
    this.names = contractNames(extra);
    const names = this.names;
    const registry = z.registry<Meta>();
    // The converter only calls get(); delegate it so `.describe()` and `.meta()` on contracts still show.
    registry.get = (schema) => {
      const meta = z.globalRegistry.get(schema);
      const id = names.get(schema as unknown as z.ZodType);
      return id === undefined ? meta : { ...meta, id };
    };
    this.metadata = registry;
  }

  /**
   * The schema of one request body, query parameter or answer; refs are marked until `finish`. `inline`: the
   * schema itself even when it is a named contract (query parameters are its properties, not a `$ref`).
   */
  convert(schema: z.ZodType, side: SchemaSide, { inline = false } = {}): JsonSchema {
    const json = z.toJSONSchema(schema, {
      target: 'openapi-3.0',
      io: side,
      metadata: this.metadata,
      unrepresentable: 'any',
      // a file (`z.file()`, a multipart field) is OpenAPI 3.0's `format: binary`; `contentEncoding` is 3.1's
      override: (ctx) => {
        if (ctx.zodSchema._zod.def.type === 'file') delete (ctx.jsonSchema as JsonSchema)['contentEncoding'];
      },
    }) as JsonSchema;
    const { definitions, $schema: _schema, ...root } = json;
    for (const [name, definition] of Object.entries((definitions ?? {}) as Record<string, JsonSchema>)) {
      if (![...this.names.values()].includes(name))
        throw new Error(
          `The converter made a definition "${name}" that is no contract (a recursive schema?)`,
        );
      this.definitions[side].set(name, definition);
    }
    const named = typeof root['$ref'] === 'string' ? root['$ref'].slice(DEFINITION_PREFIX.length) : undefined;
    if (inline && named !== undefined) return markSide(this.definitions[side].get(named)!, side);
    return markSide(root, side);
  }

  /**
   * Names the components the document uses and rewrites every ref in it to them; returns the components.
   * Call once, after every `convert` for the document.
   */
  finish(document: unknown): Record<string, JsonSchema> {
    const split = this.splitNames();
    const componentName = (name: string, side: SchemaSide) =>
      side === 'input' && split.has(name) ? `${name}Input` : name;
    const components: Record<string, JsonSchema> = {};
    const pending: [string, SchemaSide][] = [];
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (value === null || typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string' && child.startsWith(SIDE_MARK)) {
          const [side, name] = child.slice(SIDE_MARK.length).split(':') as [SchemaSide, string];
          const component = componentName(name, side);
          if (!(component in components)) {
            components[component] = {};
            pending.push([name, side]);
          }
          out[key] = COMPONENT_PREFIX + component;
        } else out[key] = rewrite(child);
      }
      return out;
    };
    const rewritten = rewrite(document) as Record<string, unknown>;
    Object.assign(document as object, rewritten);
    while (pending.length > 0) {
      const [name, side] = pending.shift()!;
      const definition = this.definitions[side].get(name) ?? this.definitions[other(side)].get(name);
      if (!definition) throw new Error(`No definition of ${name}`);
      components[componentName(name, side)] = rewrite(markSide(definition, side)) as JsonSchema;
    }
    const sorted = Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b)));
    const typeOf = (ref: string) => sorted[ref.slice(COMPONENT_PREFIX.length)]?.['type'];
    Object.assign(document as object, tidy(document, typeOf));
    return tidy(sorted, typeOf) as Record<string, JsonSchema>;
  }

  /** Names converted on both sides whose two sides differ (or refer to one that does). */
  private splitNames(): Set<string> {
    const both = [...this.definitions.input.keys()].filter((n) => this.definitions.output.has(n));
    const split = new Set<string>();
    let changed = true;
    while (changed) {
      changed = false;
      for (const name of both) {
        if (split.has(name)) continue;
        const input = this.definitions.input.get(name)!;
        const differs =
          JSON.stringify(input) !== JSON.stringify(this.definitions.output.get(name)) ||
          refsOf(input).some((ref) => split.has(ref));
        if (differs) {
          split.add(name);
          changed = true;
        }
      }
    }
    return split;
  }
}

/** Marks each ref with its side (`plein-side:<side>:<name>`) so `finish` can name it. */
const SIDE_MARK = 'plein-side:';
function markSide(value: JsonSchema, side: SchemaSide): JsonSchema {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v).map(([key, child]) =>
        key === '$ref' && typeof child === 'string' && child.startsWith(DEFINITION_PREFIX)
          ? [key, `${SIDE_MARK}${side}:${child.slice(DEFINITION_PREFIX.length)}`]
          : [key, walk(child)],
      ),
    );
  };
  return walk(value) as JsonSchema;
}

function refsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string' && child.startsWith(DEFINITION_PREFIX)
      ? [child.slice(DEFINITION_PREFIX.length)]
      : refsOf(child),
  );
}

/**
 * What OpenAPI 3.0 linters want from the converter's `$ref` wrappers: a lone `allOf: [{ $ref }]` is the ref
 * itself, and a nullable ref carries the type of what it refers to (`nullable` needs a `type` beside it).
 */
function tidy(value: unknown, typeOf: (ref: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => tidy(v, typeOf));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonSchema = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tidy(v, typeOf)]));
  const allOf = out['allOf'];
  if (!Array.isArray(allOf) || allOf.length !== 1) return out;
  const only = allOf[0] as JsonSchema;
  if (Object.keys(out).length === 1) return only;
  if (out['nullable'] === true && out['type'] === undefined && typeof only['$ref'] === 'string') {
    const type = typeOf(only['$ref']);
    if (type !== undefined) return { type, ...out };
  }
  return out;
}

const other = (side: SchemaSide): SchemaSide => (side === 'input' ? 'output' : 'input');
