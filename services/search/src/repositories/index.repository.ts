import { type EntityManager, raw } from '@mikro-orm/postgresql';
import type { DocumentRef, SearchDocument } from '../engine/search-document.js';
import { documentKey, parentKey } from '../engine/search-document.js';
import { IndexedDocumentEntity, IndexTermEntity } from '../entities/index.entity.js';

/** The visibility fields a child (a comment) takes from its parent's view in the same intranet. */
export type ParentView = Pick<
  SearchDocument,
  'intranet' | 'audience' | 'groupId' | 'authorId' | 'namedUserIds' | 'hidden'
>;

/** Terms per insert statement: well under PostgreSQL's 65,535 parameters of one statement. */
const TERMS_PER_INSERT = 5000;

/**
 * The PostgreSQL index's tables (documents and the terms lexicon) in one schema: the one place that writes
 * them. Construct it with the `em` of the transaction in use; every statement names `schema` (the entities'
 * schema is a wildcard), so each engine instance keeps its own index.
 */
export class SearchIndexRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly schema: string,
  ) {}

  private docs() {
    return this.em.createQueryBuilder(IndexedDocumentEntity).withSchema(this.schema);
  }

  private terms() {
    return this.em.createQueryBuilder(IndexTermEntity).withSchema(this.schema);
  }

  /**
   * Inserts a view or overwrites it, unless the index holds a newer one (`updated_at <=` guard): events of one
   * item can arrive out of order. Its type, id, intranet and parent are fixed by its key and never change.
   */
  async upsert(d: SearchDocument): Promise<void> {
    await this.docs()
      .insert({
        key: documentKey(d),
        type: d.type,
        id: d.id,
        intranet: d.intranet,
        audience: d.audience,
        groupId: d.groupId,
        authorId: d.authorId,
        namedUserIds: d.namedUserIds,
        hidden: d.hidden,
        title: d.title,
        body: d.body,
        updatedAt: new Date(d.updatedAt),
        parent: d.parent ?? null,
      })
      .onConflict('key')
      .merge(['audience', 'groupId', 'authorId', 'namedUserIds', 'hidden', 'title', 'body', 'updatedAt'])
      .where({ updatedAt: { $lte: raw('excluded.updated_at') } })
      .execute('run');
  }

  /** Remembers words for typo correction and completion; words already known stay as they are. */
  async addTerms(words: readonly string[]): Promise<void> {
    for (let i = 0; i < words.length; i += TERMS_PER_INSERT) {
      const chunk = words.slice(i, i + TERMS_PER_INSERT);
      await this.terms()
        .insert(chunk.map((term) => ({ term })))
        .onConflict('term')
        .ignore()
        .execute('run');
    }
  }

  /** Removes the item's views other than `keep`, where none is newer than `updatedAt`. */
  async removeOtherViews(ref: DocumentRef, keep: readonly string[], updatedAt: string): Promise<void> {
    await this.docs()
      .delete({
        type: ref.type,
        id: ref.id,
        ...(keep.length > 0 ? { key: { $nin: [...keep] } } : {}),
        updatedAt: { $lte: new Date(updatedAt) },
      })
      .execute('run');
  }

  /** The visibility of each of the item's views (one per intranet). */
  async views(ref: DocumentRef): Promise<ParentView[]> {
    return this.docs()
      .select(['intranet', 'audience', 'groupId', 'authorId', 'namedUserIds', 'hidden'])
      .where({ type: ref.type, id: ref.id })
      .execute('all');
  }

  /**
   * Children (comments) follow their parent's visibility: in each intranet the parent has a view, they take its
   * fields; in the others they leave the index.
   */
  async alignChildren(ref: DocumentRef): Promise<void> {
    const parent = parentKey(ref);
    const views = await this.views(ref);
    for (const v of views) {
      await this.docs()
        .update({
          audience: v.audience,
          groupId: v.groupId,
          authorId: v.authorId,
          namedUserIds: v.namedUserIds,
          hidden: v.hidden,
        })
        .where({ parent, intranet: v.intranet })
        .execute('run');
    }
    await this.docs()
      .delete({ parent, ...(views.length > 0 ? { intranet: { $nin: views.map((v) => v.intranet) } } : {}) })
      .execute('run');
  }

  /** Removes every view of the item and its children. */
  async remove(ref: DocumentRef): Promise<void> {
    await this.docs()
      .delete({ $or: [{ type: ref.type, id: ref.id }, { parent: parentKey(ref) }] })
      .execute('run');
  }

  async setHidden(ref: DocumentRef, hidden: boolean): Promise<void> {
    await this.docs()
      .update({ hidden })
      .where({ $or: [{ type: ref.type, id: ref.id }, { parent: parentKey(ref) }] })
      .execute('run');
  }

  /** The person's own entries (their person views), as stored. */
  async personViews(userId: string) {
    return this.docs()
      .select(['type', 'id', 'intranet', 'title', 'body', 'updatedAt'])
      .where({ type: 'person', id: userId })
      .execute('all');
  }

  /** Erasure: the person's own entries leave; what they wrote gets the stand-in author; nothing names them. */
  async erasePerson(userId: string, formerId: string): Promise<{ removed: number; anonymised: number }> {
    const gone = await this.docs().delete({ type: 'person', id: userId }).execute('run');
    const changed = await this.docs()
      .update({ authorId: formerId })
      .where({ authorId: userId })
      .execute('run');
    await this.docs()
      .update({ namedUserIds: raw('array_remove(named_user_ids, ?::uuid)', [userId]) })
      .where({ namedUserIds: { $contains: [userId] } })
      .execute('run');
    return { removed: gone.affectedRows, anonymised: changed.affectedRows };
  }

  /** Of `words`, forgets those that no indexed text contains any more. */
  async forgetTerms(words: readonly string[]): Promise<void> {
    if (words.length === 0) return;
    // a term stays while any indexed text contains it (the same test the lexicon's words were taken by)
    const stillUsed = this.em
      .createQueryBuilder(IndexedDocumentEntity, 'd')
      .withSchema(this.schema)
      .select(raw('1'))
      .where({ [raw(`strpos(lower(d.title || ' ' || d.body), t.term)`)]: { $gt: 0 } })
      .toQuery();
    await this.em
      .createQueryBuilder(IndexTermEntity, 't')
      .withSchema(this.schema)
      .delete({
        term: { $in: [...words] },
        [raw(`not exists (${stillUsed.sql})`, stillUsed.params)]: [],
      })
      .execute('run');
  }

  /** Empties the index (its lexicon stays: words only help typo correction). */
  async clear(): Promise<void> {
    await this.docs().truncate().execute('run');
  }

  async count(): Promise<number> {
    return this.docs().getCount();
  }
}
