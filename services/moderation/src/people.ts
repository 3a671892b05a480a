import type { EntityManager } from '@mikro-orm/postgresql';
import { ANONYMOUS_NAME, type PersonFacts, authorCard } from '@plein/auth';
import type { PersonCard, Principal, ProfileCreated } from '@plein/contracts';
import type { z } from 'zod';
import { PersonEntity, PersonFactsEntity, type PersonFactsRow } from './entities/index.js';

type ProfileData = z.infer<typeof ProfileCreated.data>;

/**
 * The people moderation shows (an author, a board member who commented, a reporter): the directory's facts
 * (person_facts, from its profile events) decide through the person rule of `@plein/auth`; until they arrive, the
 * people moderation met as principals stand in with the safest reading (a client counts as not opted in).
 */
export class People {
  constructor(private readonly em: EntityManager) {}

  /** Records (or refreshes) the caller, in the transaction of the write they make. */
  async remember(p: Principal): Promise<void> {
    await this.em.upsert(
      PersonEntity,
      { id: p.userId, realm: p.realm, displayName: p.displayName || p.username },
      { onConflictFields: ['id'], onConflictAction: 'merge', onConflictMergeFields: ['displayName'] },
    );
  }

  /** Applies one directory profile event; the newest (by `occurredAt`) wins. */
  async follow(p: ProfileData, occurredAt: string): Promise<void> {
    const seenAt = new Date(occurredAt);
    const lastName =
      p.lastName ??
      (p.displayName.startsWith(`${p.firstName} `) ? p.displayName.slice(p.firstName.length + 1) : '');
    await this.em.upsert(
      PersonFactsEntity,
      {
        userId: p.userId,
        kind: p.kind,
        firstName: p.firstName,
        lastName,
        displayName: p.displayName,
        optedIn: p.optedIn,
        sharedFields: p.sharedFields,
        photoVersion: p.photoVersion ?? (p.hasPhoto ? 'unknown' : null),
        active: p.active !== false,
        seenAt,
      },
      {
        onConflictFields: ['userId'],
        onConflictAction: 'merge',
        onConflictWhere: { seenAt: { $lte: seenAt } },
      },
    );
  }

  /** Author cards for these ids as `reader` may see them (the person rule's `authorCard`). */
  async cards(reader: Principal, ids: Iterable<string>): Promise<(id: string) => PersonCard> {
    const unique = [...new Set(ids)];
    const facts = new Map<string, PersonFacts>();
    if (unique.length > 0) {
      for (const r of await this.em.find(PersonEntity, { id: { $in: unique } }))
        facts.set(r.id, {
          id: r.id,
          kind: r.realm === 'staff' ? 'staff' : 'client',
          firstName: '',
          lastName: '',
          displayName: r.displayName,
          optedIn: false,
          sharedFields: [],
          photoVersion: null,
          active: true,
        });
      for (const r of await this.em.find(PersonFactsEntity, { userId: { $in: unique } }))
        facts.set(r.userId, factsOf(r));
    }
    const who = { realm: reader.realm, intranet: reader.intranet, userId: reader.userId };
    return (id) => {
      const f = facts.get(id);
      return f ? authorCard(who, f) : { id, kind: 'client', displayName: ANONYMOUS_NAME.client };
    };
  }
}

const factsOf = (r: PersonFactsRow): PersonFacts => ({
  id: r.userId,
  kind: r.kind,
  firstName: r.firstName,
  lastName: r.lastName,
  displayName: r.displayName,
  optedIn: r.optedIn,
  sharedFields: r.sharedFields,
  photoVersion: r.photoVersion ?? null,
  active: r.active,
});
