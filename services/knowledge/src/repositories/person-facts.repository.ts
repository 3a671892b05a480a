import type { EntityManager } from '@mikro-orm/postgresql';
import { PersonFactsStore, type StoredPersonFacts } from '@plein/persistence';
import { PersonFactsEntity } from '../entities/person-facts.entity.js';
import { PersonEntity } from '../entities/person.entity.js';

/**
 * The directory's facts (person_facts), with knowledge's own people (identity's users) standing in until then.
 * `follow` (the shared store's) applies one profile event in the consumer's transaction; the newest wins.
 */
export class PersonFactsRepository extends PersonFactsStore {
  constructor(private readonly tx: EntityManager) {
    super(tx, PersonFactsEntity);
  }

  /**
   * The person rule's facts of each id knowledge knows. The directory's profile decides; while its event has not
   * arrived, knowledge's people (identity's users, the principals of requests) stand in with the safest reading
   * (`standInPersonFacts`).
   */
  override byIds(ids: Iterable<string>): Promise<Map<string, StoredPersonFacts>> {
    return this.withStandIns(ids, (unique) => this.tx.find(PersonEntity, { id: { $in: unique } }));
  }
}
