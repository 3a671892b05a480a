import type { EntityManager } from '@mikro-orm/postgresql';
import type { PersonFacts } from '@plein/auth';
import type { ProfileCreated } from '@plein/contracts';
import { PersonFactsStore } from '@plein/persistence';
import type { z } from 'zod';
import { PersonFactsEntity } from '../entities/person-facts.entity.js';
import { PersonEntity } from '../entities/person.entity.js';

type ProfileData = z.infer<typeof ProfileCreated.data>;

/** The directory's facts (person_facts), with knowledge's own people (identity's users) standing in until then. */
export class PersonFactsRepository {
  private readonly facts: PersonFactsStore;

  constructor(private readonly em: EntityManager) {
    this.facts = new PersonFactsStore(em, PersonFactsEntity);
  }

  /**
   * Applies one profile event; the newest (by `occurredAt`) wins, whichever durable delivers first. In the
   * consumer's transaction.
   */
  follow(p: ProfileData, occurredAt: string): Promise<void> {
    return this.facts.follow(p, occurredAt);
  }

  /**
   * The person rule's facts of each id knowledge knows. The directory's profile decides; while its event has not
   * arrived, knowledge's people (identity's users, the principals of requests) stand in with the safest reading
   * (`standInPersonFacts`).
   */
  byIds(ids: Iterable<string>): Promise<Map<string, PersonFacts>> {
    return this.facts.withStandIns(ids, (unique) => this.em.find(PersonEntity, { id: { $in: unique } }));
  }
}
