import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal, Realm } from '@plein/contracts';
import { PersonEntity } from '../entities/person.entity.js';
import type { KnownPerson } from '../person-card.js';

/** The people knowledge shows: learnt from the principal of each writing request. */
export class PeopleRepository {
  constructor(private readonly em: EntityManager) {}

  /** Records (or refreshes) the caller; in the transaction of the write they make. */
  async remember(principal: Principal): Promise<void> {
    await this.rememberUser({
      id: principal.userId,
      realm: principal.realm,
      username: principal.username,
      displayName: principal.displayName,
    });
  }

  /** From identity's user events or a principal: one row per person, the newest name wins. */
  async rememberUser(user: {
    id: string;
    realm: Realm;
    username: string;
    displayName: string;
  }): Promise<void> {
    await this.em.upsert(
      PersonEntity,
      {
        id: user.id,
        realm: user.realm,
        username: user.username,
        displayName: user.displayName || user.username,
      },
      {
        onConflictFields: ['id'],
        onConflictAction: 'merge',
        onConflictMergeFields: ['username', 'displayName'],
      },
    );
  }

  async byUsername(username: string): Promise<KnownPerson | undefined> {
    const r = await this.em.findOne(PersonEntity, { username });
    return r ? { id: r.id, realm: r.realm, displayName: r.displayName } : undefined;
  }
}
