import type { EntityManager } from '@mikro-orm/postgresql';
import type { PersonFacts } from '@plein/auth';
import type { ProfileCreated } from '@plein/contracts';
import type { z } from 'zod';
import { PersonEntity, PersonFactsEntity, type PersonFactsRow } from '../entities/index.js';

type ProfileData = z.infer<typeof ProfileCreated.data>;

/** The directory's facts (person_facts), with identity's users (people) standing in until then (copied from knowledge). */
export class PersonFactsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Applies one profile event; the newest (by `occurredAt`) wins, whichever durable delivers first. In the
   * consumer's transaction.
   */
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
        // an event older than the one applied changes nothing
        onConflictWhere: { seenAt: { $lte: seenAt } },
      },
    );
  }

  /**
   * The person rule's facts of each id notifications knows. The directory's profile decides; while its event has not
   * arrived, identity's users (identity's users, the principals of requests) stand in with the safest reading:
   * a client not (yet) in the directory counts as not opted in (nobody to other clients), known to staff by the
   * name identity has.
   */
  async byIds(ids: Iterable<string>): Promise<Map<string, PersonFacts>> {
    const unique = [...new Set(ids)];
    const out = new Map<string, PersonFacts>();
    if (unique.length === 0) return out;
    const people = await this.em.find(PersonEntity, { userId: { $in: unique } });
    const facts = await this.em.find(PersonFactsEntity, { userId: { $in: unique } });
    for (const r of people)
      out.set(r.userId, {
        id: r.userId,
        kind: r.realm === 'staff' ? 'staff' : 'client',
        firstName: '',
        lastName: '',
        displayName: r.displayName,
        optedIn: false,
        sharedFields: [],
        photoVersion: null,
        active: true,
      });
    for (const r of facts) out.set(r.userId, factsOf(r));
    return out;
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
