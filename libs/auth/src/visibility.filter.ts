import type { ReaderScope } from './visibility.scope.js';

/**
 * THE visibility rule (visibility.rule.ts) as one filter description over a reader's scope, from which every
 * engine's filter is rendered: SQL for PostgreSQL (timelines' feeds, search's full-text engine) and a filter
 * string for Meilisearch. Nobody writes the rule again by hand; a change to the rule is a change here, and the
 * matrix tests (visibility.filter.spec.ts, test/visibility-sql.int-spec.ts) hold every rendering to `canRead`.
 */

/** The visibility fields of an indexed or stored item (`Visible`), by their names in documents. */
export type FilterField = 'intranet' | 'audience' | 'groupId' | 'authorId' | 'hidden' | 'namedUserIds';

/**
 * A node of the description. Values that come from the reader are named (`param`) so that a rendering with
 * placeholders keeps one text for every reader (PostgreSQL prepares it once); the rule's own constants are
 * inline.
 */
export type VisibilityFilter =
  | { op: 'and' | 'or'; of: VisibilityFilter[] }
  /** field equals a constant of the rule */
  | { op: 'eq'; field: FilterField; value: string | boolean }
  /** field equals the reader's id */
  | { op: 'is'; field: FilterField; param: 'userId'; value: string }
  /** field is one of the reader's values */
  | {
      op: 'in';
      field: FilterField;
      param: 'intranets' | 'groupIds' | 'followeeIds';
      value: readonly string[];
    }
  /** an array field contains the reader's id */
  | { op: 'has'; field: FilterField; param: 'userId'; value: string }
  /** a flag of the reader */
  | { op: 'flag'; param: 'seesHidden'; value: boolean };

const and = (...of: VisibilityFilter[]): VisibilityFilter => ({ op: 'and', of });
const or = (...of: VisibilityFilter[]): VisibilityFilter => ({ op: 'or', of });

/**
 * The rule over a scope: the intranet is one of the reader's; the item is not hidden, or the reader wrote it
 * or moderates; and the reader wrote it or its audience admits them (organization: all; group: members;
 * followers: followers of the author; private: the people it names).
 */
export function visibilityFilter(scope: ReaderScope): VisibilityFilter {
  const me = { param: 'userId', value: scope.userId } as const;
  return and(
    { op: 'in', field: 'intranet', param: 'intranets', value: scope.intranets },
    or(
      { op: 'eq', field: 'hidden', value: false },
      { op: 'is', field: 'authorId', ...me },
      { op: 'flag', param: 'seesHidden', value: scope.seesHidden },
    ),
    or(
      { op: 'is', field: 'authorId', ...me },
      { op: 'eq', field: 'audience', value: 'organization' },
      and(
        { op: 'eq', field: 'audience', value: 'group' },
        { op: 'in', field: 'groupId', param: 'groupIds', value: scope.groupIds },
      ),
      and(
        { op: 'eq', field: 'audience', value: 'followers' },
        { op: 'in', field: 'authorId', param: 'followeeIds', value: scope.followeeIds },
      ),
      and({ op: 'eq', field: 'audience', value: 'private' }, { op: 'has', field: 'namedUserIds', ...me }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL

/** The table's column for each field, and the PostgreSQL type the reader's values are cast to. */
const SQL_COLUMNS: Record<FilterField, { column: string; type: 'text' | 'uuid' | 'boolean' }> = {
  intranet: { column: 'intranet', type: 'text' },
  audience: { column: 'audience', type: 'text' },
  groupId: { column: 'group_id', type: 'uuid' },
  authorId: { column: 'author_id', type: 'uuid' },
  hidden: { column: 'hidden', type: 'boolean' },
  namedUserIds: { column: 'named_user_ids', type: 'uuid' },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WORD = /^[a-z][a-z0-9-]*$/;

/** A uuid[] literal; ids are checked, so nothing but uuids can reach the SQL. */
export function uuidArrayLiteral(ids: readonly string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return `{${ids.join(',')}}`;
}

function arrayLiteral(type: 'text' | 'uuid' | 'boolean', values: readonly string[]): string {
  if (type === 'uuid') return uuidArrayLiteral(values);
  for (const v of values) if (!WORD.test(v)) throw new Error(`not a plain word: ${v}`);
  return `{${values.join(',')}}`;
}

function sqlConstant(value: string | boolean): string {
  if (typeof value === 'boolean') return String(value);
  if (!WORD.test(value)) throw new Error(`not a plain word: ${value}`);
  return `'${value}'`;
}

/** A rendering with named placeholders (`:userId`) and their values. */
export interface NamedSql {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The filter as a PostgreSQL predicate over table alias `alias`, with named placeholders (`:userId`, cast to
 * the column's type) whose values are in `params`; arrays travel as one array literal each (MikroORM expands
 * array parameters of raw queries into lists). The text depends only on the alias, never on the reader, so a
 * prepared statement that contains it is planned once. Bind it with `bindNamed()` from `@plein/persistence`.
 */
export function visibilityFilterSql(filter: VisibilityFilter, alias: string): NamedSql {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`invalid alias ${alias}`);
  const params: Record<string, unknown> = {};
  const col = (field: FilterField) => `${alias}.${SQL_COLUMNS[field].column}`;
  const render = (f: VisibilityFilter): string => {
    switch (f.op) {
      case 'and':
      case 'or':
        return `(${f.of.map(render).join(` ${f.op} `)})`;
      case 'eq':
        return `${col(f.field)} = ${sqlConstant(f.value)}`;
      case 'is':
        params[f.param] = f.value;
        return `${col(f.field)} = :${f.param}::${SQL_COLUMNS[f.field].type}`;
      case 'in': {
        const { type } = SQL_COLUMNS[f.field];
        params[f.param] = arrayLiteral(type, f.value);
        return `${col(f.field)} = any(:${f.param}::${type}[])`;
      }
      case 'has':
        params[f.param] = f.value;
        return `${col(f.field)} @> array[:${f.param}::${SQL_COLUMNS[f.field].type}]`;
      case 'flag':
        params[f.param] = f.value;
        return `:${f.param}::boolean`;
    }
  };
  return { sql: render(filter), params };
}

// ---------------------------------------------------------------------------------------------------------
// Meilisearch

const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * The filter as a Meilisearch filter expression, in the small part of its grammar it needs: `=`, `IN [...]`,
 * `AND`, `OR` and parentheses (an array field `= x` holds when the array contains x). The reader's values are
 * written in, and what they decide is decided here: a flag the reader has makes its alternative always true, an
 * empty list makes its alternative never true. `true` admits everything, `false` nothing (Meilisearch has no
 * constant for it; the engine then answers empty without asking).
 */
export function visibilityFilterMeili(filter: VisibilityFilter): string | boolean {
  const r = meili(filter);
  return typeof r === 'boolean' ? r : r.text;
}

/** A rendering, and whether it joins several parts (and so needs parentheses inside another). */
type Meili = boolean | { text: string; compound: boolean };

function meili(filter: VisibilityFilter): Meili {
  switch (filter.op) {
    case 'and':
    case 'or': {
      const parts = filter.of.map(meili);
      const absorbing = filter.op === 'and' ? false : true;
      if (parts.includes(absorbing)) return absorbing;
      const rest = parts.filter((p) => typeof p !== 'boolean');
      if (rest.length === 0) return !absorbing;
      if (rest.length === 1) return rest[0]!;
      const text = rest
        .map((p) => (p.compound ? `(${p.text})` : p.text))
        .join(` ${filter.op.toUpperCase()} `);
      return { text, compound: true };
    }
    case 'eq':
      return leaf(
        `${filter.field} = ${typeof filter.value === 'boolean' ? String(filter.value) : quote(filter.value)}`,
      );
    case 'is':
    case 'has':
      return leaf(`${filter.field} = ${quote(filter.value)}`);
    case 'in':
      return filter.value.length === 0
        ? false
        : leaf(`${filter.field} IN [${filter.value.map(quote).join(', ')}]`);
    case 'flag':
      return filter.value;
  }
}

const leaf = (text: string): Meili => ({ text, compound: false });
