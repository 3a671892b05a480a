/**
 * A small evaluator of the part of Meilisearch's filter grammar that the visibility filter is rendered in
 * (`=`, `IN [...]`, `AND`, `OR`, `NOT`, parentheses; quoted strings and bare words). No Meilisearch can be run
 * where the tests run, so the matrix test evaluates the rendered filter string with this instead of a server.
 * It follows Meilisearch's documented semantics for that part: NOT binds tighter than AND, AND tighter than OR;
 * `field = v` on an array field holds when an element equals v; a missing or null field equals nothing; values
 * are compared as text (`hidden = false` holds for the boolean false). Anything outside that part is a parse
 * error, so a rendering that starts using more grammar fails here first.
 */
type Doc = object;
type Node =
  | { op: 'and' | 'or'; of: Node[] }
  | { op: 'not'; of: Node }
  | { op: 'eq'; field: string; value: string }
  | { op: 'in'; field: string; values: string[] };

const TOKEN =
  /\s*(?:(\()|(\))|(\[)|(\])|(,)|(=)|"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_.-]*|-?[0-9]+(?:\.[0-9]+)?))/y;

type Token =
  { kind: 'punct'; text: string } | { kind: 'string'; text: string } | { kind: 'word'; text: string };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < filter.length) {
    if (/^\s*$/.test(filter.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(filter);
    if (!m) throw new Error(`cannot read the filter at ${at}: ${filter.slice(at, at + 20)}`);
    const punct = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6];
    if (punct !== undefined) tokens.push({ kind: 'punct', text: punct });
    else if (m[7] !== undefined) tokens.push({ kind: 'string', text: m[7].replace(/\\(.)/g, '$1') });
    else tokens.push({ kind: 'word', text: m[8]! });
  }
  return tokens;
}

export function parseMeiliFilter(filter: string): Node {
  const tokens = tokenize(filter);
  let i = 0;
  const peek = () => tokens[i];
  const isWord = (t: Token | undefined, w: string) => t?.kind === 'word' && t.text === w;
  const expect = (text: string) => {
    const t = tokens[i++];
    if (t?.kind !== 'punct' || t.text !== text) throw new Error(`expected ${text} at token ${i - 1}`);
  };
  const value = (): string => {
    const t = tokens[i++];
    if (t?.kind === 'string' || (t?.kind === 'word' && !['AND', 'OR', 'NOT', 'IN'].includes(t.text)))
      return t.text;
    throw new Error(`expected a value at token ${i - 1}`);
  };
  const or = (): Node => {
    const of = [and()];
    while (isWord(peek(), 'OR')) {
      i++;
      of.push(and());
    }
    return of.length === 1 ? of[0]! : { op: 'or', of };
  };
  const and = (): Node => {
    const of = [not()];
    while (isWord(peek(), 'AND')) {
      i++;
      of.push(not());
    }
    return of.length === 1 ? of[0]! : { op: 'and', of };
  };
  const not = (): Node => {
    if (isWord(peek(), 'NOT')) {
      i++;
      return { op: 'not', of: not() };
    }
    return primary();
  };
  const primary = (): Node => {
    const t = peek();
    if (t?.kind === 'punct' && t.text === '(') {
      i++;
      const inner = or();
      expect(')');
      return inner;
    }
    if (t?.kind !== 'word') throw new Error(`expected a field at token ${i}`);
    i++;
    const field = t.text;
    const next = tokens[i];
    if (next?.kind === 'punct' && next.text === '=') {
      i++;
      return { op: 'eq', field, value: value() };
    }
    if (isWord(next, 'IN')) {
      i++;
      expect('[');
      const values: string[] = [];
      const close = () => tokens[i]?.kind === 'punct' && tokens[i]?.text === ']';
      while (!close()) {
        values.push(value());
        if (!close()) expect(',');
      }
      expect(']');
      return { op: 'in', field, values };
    }
    throw new Error(`expected = or IN after ${field}`);
  };
  const node = or();
  if (i !== tokens.length) throw new Error(`unexpected token ${i}: ${JSON.stringify(tokens[i])}`);
  return node;
}

function values(doc: Doc, field: string): string[] {
  const v = (doc as Record<string, unknown>)[field];
  if (v === null || v === undefined) return [];
  return (Array.isArray(v) ? (v as unknown[]) : [v]).filter((x) => x !== null).map(String);
}

function holds(node: Node, doc: Doc): boolean {
  switch (node.op) {
    case 'and':
      return node.of.every((n) => holds(n, doc));
    case 'or':
      return node.of.some((n) => holds(n, doc));
    case 'not':
      return !holds(node.of, doc);
    case 'eq':
      return values(doc, node.field).includes(node.value);
    case 'in':
      return values(doc, node.field).some((v) => node.values.includes(v));
  }
}

/** Whether a rendered filter (or the constants true/false a rendering may decide on) admits `doc`. */
export function meiliFilterAdmits(filter: string | boolean, doc: Doc): boolean {
  return typeof filter === 'boolean' ? filter : holds(parseMeiliFilter(filter), doc);
}
