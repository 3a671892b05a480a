import type { EntityManager } from '@mikro-orm/postgresql';
import { PersonFactsStore } from '@plein/persistence';
import { PersonFactsEntity } from '../entities/person-facts.entity.js';

/**
 * The directory's facts about people (person_facts): what the person rule needs to show a participant. The
 * shared store (`follow`: the newest profile event wins; `byIds`), and what erasure forgets.
 */
export class PersonFactsRepository extends PersonFactsStore {
  constructor(private readonly tx: EntityManager) {
    super(tx, PersonFactsEntity);
  }

  forget(userId: string): Promise<number> {
    return this.tx.nativeDelete(PersonFactsEntity, { userId });
  }
}
