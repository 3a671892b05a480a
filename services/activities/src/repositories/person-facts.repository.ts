import type { EntityManager } from '@mikro-orm/postgresql';
import type { PersonFacts } from '@plein/auth';
import type { ProfileCreated } from '@plein/contracts';
import type { z } from 'zod';
import { PersonFactsEntity, type PersonFactsRow } from '../entities/person-facts.entity.js';

type ProfileData = z.infer<typeof ProfileCreated.data>;

/** The directory's facts about people (person_facts): what the person rule needs to show a participant. */
export class PersonFactsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Applies one profile event; the newest (by `occurredAt`) wins, whichever durable delivers first. */
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

  async byIds(ids: Iterable<string>): Promise<Map<string, PersonFacts>> {
    const unique = [...new Set(ids)];
    const out = new Map<string, PersonFacts>();
    if (unique.length === 0) return out;
    for (const r of await this.em.find(PersonFactsEntity, { userId: { $in: unique } }))
      out.set(r.userId, factsOf(r));
    return out;
  }

  async forget(userId: string): Promise<number> {
    return this.em.nativeDelete(PersonFactsEntity, { userId });
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
