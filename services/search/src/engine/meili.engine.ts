import { type ReaderScope, visibilityFilter, visibilityFilterMeili } from '@plein/auth';
import type { SearchResult, SuggestResult } from '@plein/contracts';
import { type Index, Meilisearch } from 'meilisearch';
import {
  type ChildDocument,
  documentKey,
  type DocumentRef,
  parentKey,
  type SearchDocument,
} from './search-document.js';
import { type EngineQuery, HIGHLIGHT, type SearchEngine, safeSnippet } from './search-engine.js';

type MeiliDoc = SearchDocument & { key: string; updatedAtMs: number };

const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const list = (values: readonly string[]) => `[${values.map(quote).join(', ')}]`;

/**
 * Meilisearch, used when MEILI_URL is set. The visibility fields are filterable attributes and the
 * visibility rule is part of every search's filter, so hits, totals and facets count only what the
 * reader may read.
 */
export class MeiliSearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  private readonly index: Index<MeiliDoc>;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly client: Meilisearch,
    indexName: string,
  ) {
    this.index = client.index<MeiliDoc>(indexName);
  }

  static connect(url: string, apiKey: string | undefined, indexName: string): MeiliSearchEngine {
    return new MeiliSearchEngine(new Meilisearch({ host: url, ...(apiKey ? { apiKey } : {}) }), indexName);
  }

  /** Index settings: searchable, filterable and sortable attributes; Dutch as the language of the text. */
  private async ensureSettings(): Promise<void> {
    this.ready ??= (async () => {
      await this.client.createIndex(this.index.uid, { primaryKey: 'key' }).waitTask();
      await this.index
        .updateSettings({
          searchableAttributes: ['title', 'body'],
          filterableAttributes: [
            'type',
            'id',
            'intranet',
            'audience',
            'groupId',
            'authorId',
            'namedUserIds',
            'hidden',
            'key',
            'updatedAtMs',
            'parent',
          ],
          sortableAttributes: ['updatedAtMs'],
          localizedAttributes: [{ attributePatterns: ['title', 'body'], locales: ['nld'] }],
          rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
          typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
        })
        .waitTask();
    })();
    return this.ready;
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.ensureSettings();
    await this.index
      .addDocuments(
        documents.map((d) => ({ ...d, key: documentKey(d), updatedAtMs: Date.parse(d.updatedAt) })),
      )
      .waitTask();
  }

  async replace(ref: DocumentRef, documents: SearchDocument[], updatedAt: string): Promise<void> {
    await this.ensureSettings();
    const keep = documents.map(documentKey);
    await this.index
      .deleteDocuments({
        filter: `type = ${quote(ref.type)} AND id = ${quote(ref.id)} AND updatedAtMs <= ${Date.parse(updatedAt)}${
          keep.length ? ` AND key NOT IN ${list(keep)}` : ''
        }`,
      })
      .waitTask();
    await this.upsert(documents);
    // children (comments) follow their parent's visibility
    const children = await this.index.getDocuments({
      filter: `parent = ${quote(parentKey(ref))}`,
      limit: 1000,
    });
    const byIntranet = new Map(documents.map((d) => [d.intranet, d]));
    const stay = children.results.filter((c) => byIntranet.has(c.intranet));
    const drop = children.results.filter((c) => !byIntranet.has(c.intranet)).map((c) => c.key);
    if (drop.length) await this.index.deleteDocuments(drop).waitTask();
    if (stay.length) {
      await this.index
        .updateDocuments(
          stay.map((c) => {
            const p = byIntranet.get(c.intranet)!;
            return {
              ...c,
              audience: p.audience,
              groupId: p.groupId,
              authorId: p.authorId,
              namedUserIds: p.namedUserIds,
              hidden: p.hidden,
            };
          }),
        )
        .waitTask();
    }
  }

  async upsertChild(parents: DocumentRef[], child: ChildDocument): Promise<void> {
    await this.ensureSettings();
    for (const parent of parents) {
      const views = await this.index.getDocuments({
        filter: `type = ${quote(parent.type)} AND id = ${quote(parent.id)}`,
        limit: 10,
      });
      if (views.results.length === 0) continue;
      await this.upsert(
        views.results.map((v) => ({
          ...child,
          intranet: v.intranet,
          audience: v.audience,
          groupId: v.groupId,
          authorId: v.authorId,
          namedUserIds: v.namedUserIds,
          hidden: v.hidden,
          parent: parentKey(parent),
        })),
      );
      return;
    }
    throw new Error(`the parent of ${child.type} ${child.id} is not indexed (yet)`);
  }

  async remove(refs: DocumentRef[]): Promise<void> {
    await this.ensureSettings();
    for (const r of refs) {
      await this.index
        .deleteDocuments({
          filter: `(type = ${quote(r.type)} AND id = ${quote(r.id)}) OR parent = ${quote(parentKey(r))}`,
        })
        .waitTask();
    }
  }

  async setHidden(ref: DocumentRef, hidden: boolean): Promise<void> {
    await this.ensureSettings();
    const found = await this.index.getDocuments({
      filter: `(type = ${quote(ref.type)} AND id = ${quote(ref.id)}) OR parent = ${quote(parentKey(ref))}`,
      limit: 1000,
    });
    if (found.results.length === 0) return;
    await this.index
      .updateDocuments(found.results.map((d) => ({ key: d.key, hidden }) as MeiliDoc))
      .waitTask();
  }

  async erasePerson(userId: string, formerId: string): Promise<{ removed: number; anonymised: number }> {
    await this.ensureSettings();
    const own = await this.index.getDocuments({
      filter: `type = "person" AND id = ${quote(userId)}`,
      limit: 1000,
    });
    await this.index.deleteDocuments({ filter: `type = "person" AND id = ${quote(userId)}` }).waitTask();
    let anonymised = 0;
    for (;;) {
      const found = await this.index.getDocuments({
        filter: `authorId = ${quote(userId)} OR namedUserIds = ${quote(userId)}`,
        limit: 500,
      });
      if (found.results.length === 0) break;
      anonymised += found.results.filter((d) => d.authorId === userId).length;
      await this.index
        .updateDocuments(
          found.results.map(
            (d) =>
              ({
                key: d.key,
                authorId: d.authorId === userId ? formerId : d.authorId,
                namedUserIds: d.namedUserIds.filter((n) => n !== userId),
              }) as MeiliDoc,
          ),
        )
        .waitTask();
    }
    return { removed: own.results.length, anonymised };
  }

  async personEntries(userId: string): Promise<SearchDocument[]> {
    await this.ensureSettings();
    const found = await this.index.getDocuments({
      filter: `type = "person" AND id = ${quote(userId)}`,
      limit: 1000,
    });
    return found.results.map(({ key: _key, updatedAtMs: _ms, ...d }) => d);
  }

  async clear(): Promise<void> {
    await this.ensureSettings();
    await this.index.deleteAllDocuments().waitTask();
  }

  async count(): Promise<number> {
    await this.ensureSettings();
    return (await this.index.getStats()).numberOfDocuments;
  }

  /**
   * The visibility rule as a Meilisearch filter, rendered from the rule's one filter description in libs/auth:
   * `false` when the scope admits nothing (no intranet of the reader's in this tree).
   */
  private filter(scope: ReaderScope): string | false {
    const filter = visibilityFilterMeili(visibilityFilter(scope));
    // the rule always asks for one of the reader's intranets, so it is never true for everything
    if (filter === true) throw new Error('the visibility filter admits everything');
    return filter;
  }

  async search(query: EngineQuery, scope: ReaderScope): Promise<Omit<SearchResult, 'nextCursor'>> {
    await this.ensureSettings();
    const visible = this.filter(scope);
    if (visible === false) return { items: [], total: 0, facets: {} };
    const res = await this.index.search(query.q, {
      filter: query.type ? `(${visible}) AND type = ${quote(query.type)}` : visible,
      facets: ['type'],
      offset: query.offset,
      limit: query.limit,
      attributesToHighlight: ['title', 'body'],
      attributesToCrop: ['body'],
      cropLength: 30,
      highlightPreTag: HIGHLIGHT.open,
      highlightPostTag: HIGHLIGHT.close,
    });
    // facets over the visible set without the type filter, so the counts per type are what the tabs show
    const facetRes = query.type
      ? await this.index.search(query.q, { filter: visible, facets: ['type'], limit: 0 })
      : res;
    const facets = (facetRes.facetDistribution?.['type'] ?? {}) as Record<string, number>;
    return {
      items: res.hits.map((h) => ({
        type: h.type,
        id: h.id,
        title: h.title,
        snippet: safeSnippet(h._formatted?.body || h._formatted?.title || h.title),
      })),
      total: res.estimatedTotalHits ?? res.hits.length,
      facets,
    };
  }

  async suggest(q: string, limit: number, scope: ReaderScope): Promise<SuggestResult> {
    await this.ensureSettings();
    const visible = this.filter(scope);
    if (visible === false) return { items: [] };
    const res = await this.index.search(q, {
      filter: visible,
      limit,
      attributesToSearchOn: ['title'],
      attributesToRetrieve: ['type', 'id', 'title'],
    });
    return { items: res.hits.map((h) => ({ type: h.type, id: h.id, title: h.title })) };
  }
}
