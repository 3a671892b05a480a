import type { NamedSql } from '@plein/auth';
import { HIGHLIGHT } from './search-engine.js';

/**
 * The PostgreSQL engine's hand-written reads, with named parameters. Writes go through the entities
 * (repositories/index.repository.ts); these stay SQL because they are what bench/search.bench.ts measures
 * (search and suggest over 1,000,000 documents): tsvector matching, ranking, facets and ts_headline in one
 * statement, typo correction by trigram and edit distance. They run on the prepared read path (PreparedReads,
 * generic plans), so their texts do not vary with the query: only the schema, fixed per engine, is written in.
 */

/** Matches ranked and counted per query; beyond it totals and facets are lower bounds. */
export const CANDIDATES = 1000;
/** Titles considered per suggestion request (search as you type must stay fast). */
export const SUGGEST_CANDIDATES = 200;
/** Completions of the word being typed that suggest looks up. */
export const COMPLETIONS = 8;

/** The edits a misspelt query word may be away from an indexed word: 1 for 5–8 letters, 2 from 9. */
const maxTypos = `(case when length(w.word) >= 9 then 2 else 1 end)`;

/** A schema name as an identifier (the engine's schema is configuration, never input). */
function table(schema: string, name: 'documents' | 'terms'): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid search schema ${schema}`);
  return `"${schema}".${name}`;
}

/** The text search configuration the index is made with (a literal: the statements' texts stay fixed). */
const config = (schema: string) => `'${schema}.plein_dutch'::regconfig`;

/**
 * Whether the schema's `plein_dutch` configuration asks the Ispell dictionary `dutch_compounds` first (a
 * catalogue read, once at start).
 */
export const splitsCompoundsQuery = (schema: string): NamedSql => ({
  sql: `select count(*) as n from pg_ts_config_map m
      join pg_ts_config c on c.oid = m.mapcfg join pg_namespace cn on cn.oid = c.cfgnamespace
      join pg_ts_dict d on d.oid = m.mapdict
    where cn.nspname = :schema and c.cfgname = 'plein_dutch' and d.dictname = 'dutch_compounds'`,
  params: { schema },
});

/**
 * Typo correction: for each query word the index has never seen, the closest words it has seen, at most one
 * edit away for 5 to 8 letters and two from 9 (a trigram index finds the candidates). `words`: a text[] literal.
 */
export const correctionsQuery = (schema: string, words: string): NamedSql => ({
  sql: `select w.word, s.term from unnest(:words::text[]) as w(word)
    left join ${table(schema, 'terms')} known on known.term = w.word
    left join lateral (
      select t.term from ${table(schema, 'terms')} t where known.term is null and t.term % w.word
        and public.levenshtein_less_equal(t.term, w.word, ${maxTypos}) <= ${maxTypos}
      order by public.levenshtein(t.term, w.word), similarity(t.term, w.word) desc limit 3) s on true`,
  params: { words },
});

/**
 * One page of search results with the total and the facets of the visible matches. The candidates are the
 * visible matches, at most CANDIDATES of them; counts, facets and ranking work on this set, so they never count
 * what the reader may not read. `visibility`: the rule over alias `d` (visibilityFilterSql), its own names.
 * Always one row at least (the total and facets), with a null id when the page is empty.
 */
export const searchQuery = (
  schema: string,
  visibility: NamedSql,
  q: { tsquery: string; type: string | null; limit: number; offset: number },
): NamedSql => ({
  sql: `with q as materialized (select to_tsquery(${config(schema)}, :tsquery) as query),
    candidates as materialized (
      select d.key, d.type, d.updated_at, ts_rank_cd(d.tsv, q.query) as rank
      from ${table(schema, 'documents')} d, q
      where d.tsv @@ q.query and ${visibility.sql}
      limit ${CANDIDATES}),
    facets as (select coalesce(jsonb_object_agg(type, n), '{}'::jsonb) as facets
               from (select type, count(*) as n from candidates group by type) f),
    filtered as (select * from candidates where :type::text is null or type = :type),
    page as (
      select f.rank, d.* from (select * from filtered order by rank desc, updated_at desc, key limit :limit offset :offset) f
      join ${table(schema, 'documents')} d on d.key = f.key)
    select p.type, p.id, p.title,
      ts_headline(${config(schema)}, case when p.body = '' then p.title else p.body end, q.query,
        'MaxFragments=1, MaxWords=30, MinWords=10, StartSel=${HIGHLIGHT.open}, StopSel=${HIGHLIGHT.close}') as snippet,
      (select count(*) from filtered) as n, (select facets from facets) as facets
    from (select 1) one left join page p on true cross join q
    order by p.rank desc nulls last, p.updated_at desc, p.key`,
  params: { ...visibility.params, ...q },
});

/**
 * Completions of the word being typed from the lexicon: a range over the byte-ordered index (terms_prefix_idx);
 * `like 'x%'` cannot use an index when the prefix is a parameter of a generic plan.
 */
export const completionsQuery = (schema: string, prefix: string): NamedSql => ({
  sql: `select term from ${table(schema, 'terms')} where term collate "C" >= :from and term collate "C" < :to
    order by length(term), term limit ${COMPLETIONS}`,
  params: { from: prefix, to: `${prefix}\u{10FFFF}` },
});

/** Visible titles matching the typed words ('simple' configuration: no stemming), shortest first. */
export const suggestQuery = (
  schema: string,
  visibility: NamedSql,
  tsquery: string,
  limit: number,
): NamedSql => ({
  sql: `select type, id, title from (
      select d.type, d.id, d.title from ${table(schema, 'documents')} d
      where d.title_prefix @@ to_tsquery('simple', :tsquery) and ${visibility.sql}
      limit ${SUGGEST_CANDIDATES}) c
    order by length(title), title limit :limit`,
  params: { ...visibility.params, tsquery, limit },
});
