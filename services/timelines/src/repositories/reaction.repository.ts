import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReactionKind, Realm } from '@plein/contracts';
import { UserEntity } from '../entities/person.entity.js';
import { ConfirmationEntity, ReactionEntity } from '../entities/post.entity.js';

/** Reactions to posts (one per person) and read confirmations. Construct it with the `em` in use. */
export class ReactionRepository {
  constructor(private readonly em: EntityManager) {}

  /** Sets the person's reaction; true when it is new or another kind than before. */
  async set(postId: string, userId: string, kind: ReactionKind): Promise<boolean> {
    const current = await this.em.findOne(ReactionEntity, { postId, userId });
    if (current?.kind === kind) return false;
    if (current) {
      current.kind = kind;
      current.createdAt = new Date();
      await this.em.flush();
      return true;
    }
    // not there a moment ago: an upsert, so a reaction sent twice at once is one reaction
    await this.em.upsert(
      ReactionEntity,
      { postId, userId, kind, createdAt: new Date() },
      { onConflictFields: ['postId', 'userId'], onConflictAction: 'merge' },
    );
    return true;
  }

  async remove(postId: string, userId: string): Promise<void> {
    await this.em.nativeDelete(ReactionEntity, { postId, userId });
  }

  /**
   * Everyone timelines knows of the realms that can read a post of `intranet` (by display name, then id), with
   * whether they confirmed it.
   */
  async confirmers(
    postId: string,
    intranet: 'staff' | 'client',
  ): Promise<{ id: string; realm: Realm; confirmed: boolean }[]> {
    const users = await this.em.find(
      UserEntity,
      { realm: { $in: intranet === 'staff' ? ['staff'] : ['staff', 'clients'] } },
      { orderBy: [{ displayName: 'asc' }, { id: 'asc' }], fields: ['id', 'realm'] },
    );
    const confirmed = new Set((await this.em.find(ConfirmationEntity, { postId })).map((c) => c.userId));
    return users.map((u) => ({ id: u.id, realm: u.realm, confirmed: confirmed.has(u.id) }));
  }

  /** Confirms having read a post, once (a second confirmation changes nothing). */
  async confirm(postId: string, userId: string): Promise<void> {
    await this.em.upsert(
      ConfirmationEntity,
      { postId, userId, at: new Date() },
      { onConflictFields: ['postId', 'userId'], onConflictAction: 'ignore' },
    );
  }
}
