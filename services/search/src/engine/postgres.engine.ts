import type { EntityManager } from '@mikro-orm/postgresql';
import { type ReaderScope, visibilityFilter, visibilityFilterSql } from '@plein/auth';
import type { SearchResult, SearchType, SuggestResult } from '@plein/contracts';
import { bindNamed, type PreparedReads, textArray } from '@plein/persistence';
import {
  type ChildDocument,
  documentKey,
  type DocumentRef,
  parentKey,
  type SearchDocument,
} from './search-document.js';
import { type EngineQuery, HIGHLIGHT, type SearchEngine, safeSnippet } from './search-engine.js';
import { MAX_WORD_LETTERS } from './words.js';

const WORD = /[\p{L}\p{N}]+/gu;
const MAX_QUERY_WORDS = 8;
/** Matches ranked and counted per query; beyond it totals and facets are lower bounds. */
const CANDIDATES = 1000;
/** Titles considered per suggestion request (search as you type must stay fast). */
const SUGGEST_CANDIDATES = 200;
/** Completions of the word being typed that suggest looks up. */
const COMPLETIONS = 8;

/** The edits a misspelt query word may be away from an indexed word: 1 for 5–8 letters, 2 from 9. */
const maxTypos = `(case when length(w.word) >= 9 then 2 else 1 end)`;

/** Words worth remembering for typo correction. */
function lexicon(text: string): string[] {
  const words = new Set<string>();
  for (const m of text.toLowerCase().matchAll(WORD))
    if (m[0].length >= 4 && m[0].length <= 40) words.add(m[0]);
  return [...words];
}

/** The words of the word being typed (the last one) match as a prefix from this many letters on. */
const PREFIX_FROM = 3;

/**
 * PostgreSQL full-text search: a tsvector with the `plein_dutch` configuration (title weighted above body): Dutch
 * compounds split by an Ispell dictionary made from Debian's hunspell-nl, then the Dutch stemmer (see the
 * dutch_compounds migration); a GIN index, pg_trgm over a lexicon of indexed words for typo tolerance, the word
 * being typed matched as a prefix, ts_headline for snippets. The visibility rule is part of every WHERE clause.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;

  /**
   * Writes go through MikroORM (`em`); the query statements (search, suggest, typo lookup) run on `reads` as
   * prepared statements with generic plans: planning a search took longer (≈ 7 ms) than running it. Their texts
   * do not vary with the query: the words travel as one tsquery string, the reader's scope as arrays.
   */
  constructor(
    private readonly em: () => EntityManager,
    private readonly reads: PreparedReads,
    private readonly schema = 'search',
  ) {}

  private read<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.reads.query<T>(sql, params);
  }

  private get t() {
    return { docs: `"${this.schema}".documents`, terms: `"${this.schema}".terms` };
  }

  /** The text search configuration the index is made with (a literal: the statements' texts stay fixed). */
  private get config(): string {
    return `'${this.schema}.plein_dutch'::regconfig`;
  }

  /**
   * Whether Dutch compounds are split: the configuration asks the Ispell dictionary first. False where the
   * dictionary's files were missing when the migration ran (the configuration is then a copy of `dutch`).
   */
  async splitsCompounds(): Promise<boolean> {
    const rows = await this.em().execute<{ n: string }[]>(
      `select count(*) as n from pg_ts_config_map m
         join pg_ts_config c on c.oid = m.mapcfg join pg_namespace cn on cn.oid = c.cfgnamespace
         join pg_ts_dict d on d.oid = m.mapdict
       where cn.nspname = ? and c.cfgname = 'plein_dutch' and d.dictname = 'dutch_compounds'`,
      [this.schema],
    );
    return Number(rows[0]?.n ?? 0) > 0;
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const em = this.em();
    await em.transactional(async (tx) => {
      for (const d of documents) {
        await tx.execute(
          `insert into ${this.t.docs} (key, type, id, intranet, audience, group_id, author_id, named_user_ids, hidden, title, body, updated_at, parent)
           values (?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?, ?, ?)
           on conflict (key) do update set audience = excluded.audience, group_id = excluded.group_id,
             author_id = excluded.author_id, named_user_ids = excluded.named_user_ids, hidden = excluded.hidden,
             title = excluded.title, body = excluded.body, updated_at = excluded.updated_at
           where ${this.t.docs}.updated_at <= excluded.updated_at`,
          [
            documentKey(d),
            d.type,
            d.id,
            d.intranet,
            d.audience,
            d.groupId,
            d.authorId,
            textArray(d.namedUserIds),
            d.hidden,
            d.title,
            d.body,
            d.updatedAt,
            d.parent ?? null,
          ],
        );
      }
      const words = [...new Set(documents.flatMap((d) => lexicon(`${d.title} ${d.body}`)))];
      if (words.length > 0) {
        await tx.execute(
          `insert into ${this.t.terms} (term) select unnest(?::text[]) on conflict do nothing`,
          [textArray(words)],
        );
      }
    });
  }

  async replace(ref: DocumentRef, documents: SearchDocument[], updatedAt: string): Promise<void> {
    await this.em().transactional(async (tx) => {
      await tx.execute(
        `delete from ${this.t.docs} where type = ? and id = ? and not (key = any(?::text[])) and updated_at <= ?`,
        [ref.type, ref.id, textArray(documents.map(documentKey)), updatedAt],
      );
      await this.upsert(documents);
      // children (comments) follow their parent's visibility
      await tx.execute(
        `update ${this.t.docs} c set audience = p.audience, group_id = p.group_id, author_id = p.author_id,
           named_user_ids = p.named_user_ids, hidden = p.hidden
         from ${this.t.docs} p
         where c.parent = ? and p.type = ? and p.id = ? and p.intranet = c.intranet`,
        [parentKey(ref), ref.type, ref.id],
      );
      await tx.execute(
        `delete from ${this.t.docs} c where c.parent = ?
           and not exists (select 1 from ${this.t.docs} p where p.type = ? and p.id = ? and p.intranet = c.intranet)`,
        [parentKey(ref), ref.type, ref.id],
      );
    });
  }

  async upsertChild(parents: DocumentRef[], child: ChildDocument): Promise<void> {
    const em = this.em();
    await em.transactional(async (tx) => {
      for (const parent of parents) {
        const views = await tx.execute<
          {
            intranet: 'staff' | 'client';
            audience: SearchDocument['audience'];
            group_id: string | null;
            author_id: string | null;
            named_user_ids: string[];
            hidden: boolean;
          }[]
        >(
          `select intranet, audience, group_id, author_id, named_user_ids, hidden from ${this.t.docs} where type = ? and id = ?`,
          [parent.type, parent.id],
        );
        if (views.length === 0) continue;
        await this.upsert(
          views.map((v) => ({
            ...child,
            intranet: v.intranet,
            audience: v.audience,
            groupId: v.group_id,
            authorId: v.author_id,
            namedUserIds: v.named_user_ids,
            hidden: v.hidden,
            parent: parentKey(parent),
          })),
        );
        return;
      }
      throw new Error(`the parent of ${child.type} ${child.id} is not indexed (yet)`);
    });
  }

  async remove(refs: DocumentRef[]): Promise<void> {
    for (const r of refs) {
      await this.em().execute(`delete from ${this.t.docs} where (type = ? and id = ?) or parent = ?`, [
        r.type,
        r.id,
        parentKey(r),
      ]);
    }
  }

  async setHidden(ref: DocumentRef, hidden: boolean): Promise<void> {
    await this.em().execute(
      `update ${this.t.docs} set hidden = ? where (type = ? and id = ?) or parent = ?`,
      [hidden, ref.type, ref.id, parentKey(ref)],
    );
  }

  async erasePerson(userId: string, formerId: string): Promise<{ removed: number; anonymised: number }> {
    return this.em().transactional(async (tx) => {
      const own = await tx.execute<{ title: string; body: string }[]>(
        `select title, body from ${this.t.docs} where type = 'person' and id = ?`,
        [userId],
      );
      const [gone] = await tx.execute<{ n: string }[]>(
        `with gone as (delete from ${this.t.docs} where type = 'person' and id = ? returning 1)
         select count(*)::text as n from gone`,
        [userId],
      );
      const [changed] = await tx.execute<{ n: string }[]>(
        `with changed as (update ${this.t.docs} set author_id = ? where author_id = ? returning 1)
         select count(*)::text as n from changed`,
        [formerId, userId],
      );
      await tx.execute(
        `update ${this.t.docs} set named_user_ids = array_remove(named_user_ids, ?::uuid) where ?::uuid = any(named_user_ids)`,
        [userId, userId],
      );
      // words that only the person's entries brought (their names) leave the typo lexicon
      const words = [...new Set(own.flatMap((d) => lexicon(`${d.title} ${d.body}`)))];
      if (words.length > 0) {
        await tx.execute(
          `delete from ${this.t.terms} t where t.term = any(?::text[])
             and not exists (select 1 from ${this.t.docs} d where strpos(lower(d.title || ' ' || d.body), t.term) > 0)`,
          [textArray(words)],
        );
      }
      return { removed: Number(gone?.n ?? 0), anonymised: Number(changed?.n ?? 0) };
    });
  }

  async personEntries(userId: string): Promise<SearchDocument[]> {
    const rows = await this.em().execute<Record<string, unknown>[]>(
      `select type, id, intranet, title, body, updated_at from ${this.t.docs} where type = 'person' and id = ?`,
      [userId],
    );
    return rows.map((r) => ({
      type: r['type'],
      id: r['id'],
      intranet: r['intranet'],
      title: r['title'],
      body: r['body'],
      updatedAt: new Date(r['updated_at'] as string).toISOString(),
    })) as unknown as SearchDocument[];
  }

  async clear(): Promise<void> {
    await this.em().execute(`truncate ${this.t.docs}`);
  }

  async count(): Promise<number> {
    const [row] = await this.em().execute<{ n: string }[]>(`select count(*) as n from ${this.t.docs}`);
    return Number(row?.n ?? 0);
  }

  /**
   * The visibility rule as SQL over the reader's scope, rendered from the rule's one filter description in
   * libs/auth (its text is the same for every reader, so the prepared statements keep one plan).
   */
  private visibility(scope: ReaderScope): { sql: string; params: unknown[] } {
    return bindNamed(visibilityFilterSql(visibilityFilter(scope), 'd'));
  }

  /**
   * The to_tsquery text for the words of q: each word, or any of its close spellings from the lexicon, must
   * match (`(huisvestnig | huisvesting) & bewoners`). The words are letters and digits only (WORD), so they
   * carry no tsquery syntax of their own.
   */
  private async tsquery(q: string): Promise<string | undefined> {
    // cut like the indexed text (cutLongWords), so a long word finds itself and never reaches the dictionary whole
    const words = [
      ...new Set(
        [...q.toLowerCase().matchAll(WORD)].map((m) => [...m[0]].slice(0, MAX_WORD_LETTERS).join('')),
      ),
    ].slice(0, MAX_QUERY_WORDS);
    if (words.length === 0) return undefined;
    // Typo tolerance: a word the index has never seen is replaced by the closest words it has seen, at most
    // one edit away for words of 5 to 8 letters and two for longer ones (Meilisearch's defaults), so a
    // correction is a plausible misspelling and never merely a word with a few letters in common.
    const candidates = words.filter((w) => w.length >= 5);
    const corrections = new Map<string, string[]>();
    if (candidates.length > 0) {
      const rows = await this.read<{ word: string; term: string | null }>(
        `select w.word, s.term from unnest(?::text[]) as w(word)
         left join ${this.t.terms} known on known.term = w.word
         left join lateral (
           select t.term from ${this.t.terms} t where known.term is null and t.term % w.word
             and public.levenshtein_less_equal(t.term, w.word, ${maxTypos}) <= ${maxTypos}
           order by public.levenshtein(t.term, w.word), similarity(t.term, w.word) desc limit 3) s on true`,
        [textArray(candidates)],
      );
      for (const r of rows) if (r.term) corrections.set(r.word, [...(corrections.get(r.word) ?? []), r.term]);
    }
    // The last word may be one still being typed: it also matches as a prefix ("overdr" finds "overdracht").
    const last = words.length - 1;
    return words
      .map((word, i) => {
        const typed = i === last && word.length >= PREFIX_FROM ? `${word}:*` : word;
        return `(${[typed, ...(corrections.get(word) ?? [])].join(' | ')})`;
      })
      .join(' & ');
  }

  async search(query: EngineQuery, scope: ReaderScope): Promise<Omit<SearchResult, 'nextCursor'>> {
    const tsq = await this.tsquery(query.q);
    if (!tsq) return { items: [], total: 0, facets: {} };
    const vis = this.visibility(scope);
    // The candidates: the visible matches, at most CANDIDATES of them. Counts, facets and ranking work on this
    // set, so they never count what the reader may not read; for very common words they are lower bounds.
    const rows = await this.read<{
      type: SearchType;
      id: string;
      title: string;
      snippet: string | null;
      n: string;
      facets: Record<string, number>;
    }>(
      `with q as materialized (select to_tsquery(${this.config}, ?) as query),
       candidates as materialized (
         select d.key, d.type, d.updated_at, ts_rank_cd(d.tsv, q.query) as rank
         from ${this.t.docs} d, q
         where d.tsv @@ q.query and ${vis.sql}
         limit ${CANDIDATES}),
       facets as (select coalesce(jsonb_object_agg(type, n), '{}'::jsonb) as facets
                  from (select type, count(*) as n from candidates group by type) f),
       filtered as (select * from candidates where ?::text is null or type = ?),
       page as (
         select f.rank, d.* from (select * from filtered order by rank desc, updated_at desc, key limit ? offset ?) f
         join ${this.t.docs} d on d.key = f.key)
       select p.type, p.id, p.title,
         ts_headline(${this.config}, case when p.body = '' then p.title else p.body end, q.query,
           'MaxFragments=1, MaxWords=30, MinWords=10, StartSel=${HIGHLIGHT.open}, StopSel=${HIGHLIGHT.close}') as snippet,
         (select count(*) from filtered) as n, (select facets from facets) as facets
       from (select 1) one left join page p on true cross join q
       order by p.rank desc nulls last, p.updated_at desc, p.key`,
      [tsq, ...vis.params, query.type ?? null, query.type ?? null, query.limit, query.offset],
    );
    const first = rows[0];
    const total = Number(first?.n ?? 0);
    const facets = first?.facets ?? {};
    return {
      items: rows
        .filter((r) => r.id !== null)
        .map((r) => ({ type: r.type, id: r.id, title: r.title, snippet: safeSnippet(r.snippet ?? '') })),
      total,
      facets,
    };
  }

  async suggest(q: string, limit: number, scope: ReaderScope): Promise<SuggestResult> {
    const words = [...q.toLowerCase().matchAll(WORD)].map((m) => m[0]).slice(0, MAX_QUERY_WORDS);
    const last = words.pop();
    if (last === undefined) return { items: [] };
    // The word being typed is completed from the lexicon of indexed words (a trigram index answers the
    // prefix), so the title search looks up a few whole words instead of every word with that prefix.
    const completions =
      last.length >= 3
        ? (
            await this.read<{ term: string }>(
              // a range over the byte-ordered index (terms_prefix_idx): `like 'x%'` cannot use an index when
              // the prefix is a parameter of a generic plan
              `select term from ${this.t.terms} where term collate "C" >= ? and term collate "C" < ?
               order by length(term), term limit ${COMPLETIONS}`,
              [last, `${last}\u{10FFFF}`],
            )
          ).map((r) => r.term)
        : [];
    // 'simple' configuration: no stemming, so typed words and completions stay as typed
    const typed = completions.length > 0 ? `(${[last, ...completions].join(' | ')})` : `${last}:*`;
    const tsq = [...words, typed].join(' & ');
    const vis = this.visibility(scope);
    const rows = await this.read<{ type: SearchType; id: string; title: string }>(
      `select type, id, title from (
         select d.type, d.id, d.title from ${this.t.docs} d
         where d.title_prefix @@ to_tsquery('simple', ?) and ${vis.sql}
         limit ${SUGGEST_CANDIDATES}) c
       order by length(title), title limit ?`,
      [tsq, ...vis.params, limit],
    );
    return { items: rows.map((r) => ({ type: r.type, id: r.id, title: r.title })) };
  }
}
