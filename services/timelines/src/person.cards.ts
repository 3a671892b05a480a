import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type PersonFacts, type PersonReader, authorCard, personCard } from '@plein/auth';
import { type PersonCard, type Principal, ProfileCreated, ProfileUpdated } from '@plein/contracts';
import type { ConsumerSpec } from '@plein/messaging';
import { PersonFactsStore, PreparedReads, standInPersonFacts } from '@plein/persistence';
import { PersonFactsEntity } from './entities/person.entity.js';
import { type FactsRow, factsQuery } from './person.query.js';
import type { KnownUser } from './people.service.js';

/**
 * The person rule's facts from what timelines holds. The directory's profile (people) decides; while its event has
 * not arrived, identity's mirror (users) stands in with the safest reading: a client not (yet) in the directory
 * counts as not opted in (nobody to other clients), known to staff by the name identity has.
 */
function factsOf(r: FactsRow): PersonFacts | undefined {
  const accountActive = r.user_active ?? true;
  if (r.kind !== null)
    return {
      id: r.id,
      kind: r.kind,
      firstName: r.first_name ?? '',
      lastName: r.last_name ?? '',
      displayName: r.display_name ?? '',
      optedIn: r.opted_in ?? false,
      sharedFields: r.shared_fields ?? [],
      photoVersion: r.photo_version,
      active: (r.active ?? true) && accountActive,
    };
  if (r.realm === null) return undefined;
  return standInPersonFacts(r.id, r.realm, r.user_name ?? '', accountActive);
}

/** The people one answer shows, as one reader may know them (the person rule of `@plein/auth`). */
export class PeopleBook {
  constructor(
    readonly reader: PersonReader,
    private readonly facts: Map<string, PersonFacts>,
  ) {}

  /** Whoever wrote something the reader may read: under the name the rule allows, or plainly "Cliënt". */
  author(id: string): PersonCard {
    const f = this.facts.get(id);
    return f ? authorCard(this.reader, f) : { id, kind: 'client', displayName: 'Onbekend' };
  }

  /** Someone in a list (a follow, a member, a mention, a confirmation): a card, or null when nobody to the reader. */
  card(id: string): PersonCard | null {
    const f = this.facts.get(id);
    return f ? personCard(this.reader, f) : null;
  }

  /**
   * Someone named in what was written (a mention) or given by id to follow, mention, name or invite: the rule as
   * if their account stood. What was written stays as it was; a closed account is refused apart (422
   * `person_inactive`), and only to those who may know the person at all.
   */
  named(id: string): PersonCard | null {
    const f = this.facts.get(id);
    return f ? personCard(this.reader, { ...f, active: true }) : null;
  }

  /** Whether the person exists for the reader (else: the same answer as for an id that does not exist). */
  mayKnow(id: string): boolean {
    return this.named(id) !== null;
  }
}

export const readerOf = (p: Principal): PersonReader => ({
  realm: p.realm,
  intranet: p.intranet,
  userId: p.userId,
});

/** Loads the facts of the people an answer shows and hands out their cards for one reader. */
@Injectable()
export class PersonCards {
  constructor(
    private readonly em: EntityManager,
    private readonly reads: PreparedReads,
  ) {}

  /**
   * Inside `em`'s transaction when given (a write that checks whom it names). `resolved`: people identity just told
   * of (`People.resolve`) who timelines does not hold (a closed account is not remembered), by identity's facts.
   */
  async book(
    principal: Principal,
    ids: Iterable<string>,
    em: EntityManager = this.em,
    resolved?: ReadonlyMap<string, KnownUser>,
  ): Promise<PeopleBook> {
    const list = [...new Set(ids)];
    const q = factsQuery(list);
    const rows = list.length ? await em.execute<FactsRow[]>(q.sql, q.params) : [];
    for (const r of rows) {
      const u = resolved?.get(r.id);
      if (u && r.realm === null && r.kind === null)
        Object.assign(r, { realm: u.realm, user_name: u.display_name, user_active: u.active });
    }
    return this.toBook(principal, rows);
  }

  /** The same on the prepared read path (feeds). */
  async bookForRead(principal: Principal, ids: Iterable<string>): Promise<PeopleBook> {
    const list = [...new Set(ids)];
    const q = factsQuery(list);
    const rows = list.length ? await this.reads.query<FactsRow>(q.sql, q.params) : [];
    return this.toBook(principal, rows);
  }

  private toBook(principal: Principal, rows: FactsRow[]): PeopleBook {
    const facts = new Map<string, PersonFacts>();
    for (const r of rows) {
      const f = factsOf(r);
      if (f) facts.set(r.id, f);
    }
    return new PeopleBook(readerOf(principal), facts);
  }
}

/**
 * The directory's profile events, so timelines knows what the person rule needs (kind, names, opt-in, shared
 * fields, photo, active) of everyone it shows. Two durables, so the newest event wins (`seen_at`).
 */
export const profileConsumers: [
  ConsumerSpec<typeof ProfileCreated.data>,
  ConsumerSpec<typeof ProfileUpdated.data>,
] = [
  {
    durable: 'timelines-directory-profile-created',
    event: ProfileCreated,
    handle: (tx, data, envelope) =>
      new PersonFactsStore(tx, PersonFactsEntity).follow(data, envelope.occurredAt),
  },
  {
    durable: 'timelines-directory-profile-updated',
    event: ProfileUpdated,
    handle: (tx, data, envelope) =>
      new PersonFactsStore(tx, PersonFactsEntity).follow(data, envelope.occurredAt),
  },
];
