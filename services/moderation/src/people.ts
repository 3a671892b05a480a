import type { EntityManager } from '@mikro-orm/postgresql';
import { ANONYMOUS_NAME, type PersonFacts, authorCard } from '@plein/auth';
import type { PersonCard, Principal, ProfileCreated } from '@plein/contracts';
import { PersonFactsStore } from '@plein/persistence';
import type { z } from 'zod';
import { PersonEntity, PersonFactsEntity } from './entities/index.js';

type ProfileData = z.infer<typeof ProfileCreated.data>;

/**
 * The people moderation shows (an author, a board member who commented, a reporter): the directory's facts
 * (person_facts, from its profile events) decide through the person rule of `@plein/auth`; until they arrive, the
 * people moderation met as principals stand in with the safest reading (a client counts as not opted in).
 */
export class People {
  private readonly facts: PersonFactsStore;

  constructor(private readonly em: EntityManager) {
    this.facts = new PersonFactsStore(em, PersonFactsEntity);
  }

  /** Records (or refreshes) the caller, in the transaction of the write they make. */
  async remember(p: Principal): Promise<void> {
    await this.em.upsert(
      PersonEntity,
      { id: p.userId, realm: p.realm, displayName: p.displayName || p.username },
      { onConflictFields: ['id'], onConflictAction: 'merge', onConflictMergeFields: ['displayName'] },
    );
  }

  /** Applies one directory profile event; the newest (by `occurredAt`) wins. */
  follow(p: ProfileData, occurredAt: string): Promise<void> {
    return this.facts.follow(p, occurredAt);
  }

  /** Author cards for these ids as `reader` may see them (the person rule's `authorCard`). */
  async cards(reader: Principal, ids: Iterable<string>): Promise<(id: string) => PersonCard> {
    const facts: Map<string, PersonFacts> = await this.facts.withStandIns(ids, (unique) =>
      this.em.find(PersonEntity, { id: { $in: unique } }),
    );
    const who = { realm: reader.realm, intranet: reader.intranet, userId: reader.userId };
    return (id) => {
      const f = facts.get(id);
      return f ? authorCard(who, f) : { id, kind: 'client', displayName: ANONYMOUS_NAME.client };
    };
  }
}
