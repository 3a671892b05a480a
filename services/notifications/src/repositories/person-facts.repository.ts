import type { EntityManager } from '@mikro-orm/postgresql';
import { PersonFactsStore, type StoredPersonFacts } from '@plein/persistence';
import { PersonEntity, PersonFactsEntity } from '../entities/index.js';

/**
 * The directory's facts (person_facts), with identity's users (people) standing in until then. `follow` (the
 * shared store's) applies one profile event in the consumer's transaction; the newest wins.
 */
export class PersonFactsRepository extends PersonFactsStore {
  constructor(private readonly tx: EntityManager) {
    super(tx, PersonFactsEntity);
  }

  /**
   * The person rule's facts of each id notifications knows. The directory's profile decides; while its event has
   * not arrived, identity's users (the principals of requests) stand in with the safest reading
   * (`standInPersonFacts`).
   */
  override byIds(ids: Iterable<string>): Promise<Map<string, StoredPersonFacts>> {
    return this.withStandIns(ids, async (unique) =>
      (await this.tx.find(PersonEntity, { userId: { $in: unique } })).map((r) => ({
        id: r.userId,
        realm: r.realm,
        displayName: r.displayName,
      })),
    );
  }
}
