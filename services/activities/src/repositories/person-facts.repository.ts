import type { EntityManager } from '@mikro-orm/postgresql';
import type { PersonFacts } from '@plein/auth';
import type { ProfileCreated } from '@plein/contracts';
import { PersonFactsStore } from '@plein/persistence';
import type { z } from 'zod';
import { PersonFactsEntity } from '../entities/person-facts.entity.js';

type ProfileData = z.infer<typeof ProfileCreated.data>;

/** The directory's facts about people (person_facts): what the person rule needs to show a participant. */
export class PersonFactsRepository {
  private readonly facts: PersonFactsStore;

  constructor(private readonly em: EntityManager) {
    this.facts = new PersonFactsStore(em, PersonFactsEntity);
  }

  /** Applies one profile event; the newest (by `occurredAt`) wins, whichever durable delivers first. */
  follow(p: ProfileData, occurredAt: string): Promise<void> {
    return this.facts.follow(p, occurredAt);
  }

  byIds(ids: Iterable<string>): Promise<Map<string, PersonFacts>> {
    return this.facts.byIds(ids);
  }

  async forget(userId: string): Promise<number> {
    return this.em.nativeDelete(PersonFactsEntity, { userId });
  }
}
