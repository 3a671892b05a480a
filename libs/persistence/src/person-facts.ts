import { type EntityManager, defineEntity, p } from '@mikro-orm/postgresql';
import type { ClientSharedField, PersonKind, ProfileEventData, Realm } from '@plein/contracts';
import type { z } from 'zod';

/**
 * The person rule's facts of one person (`PersonFacts` of `@plein/auth`, which this mirrors field for field so
 * the persistence library does not depend on the rule's library).
 */
export interface StoredPersonFacts {
  id: string;
  kind: PersonKind;
  firstName: string;
  lastName: string;
  displayName: string;
  optedIn: boolean;
  sharedFields: ClientSharedField[];
  photoVersion: string | null;
  active: boolean;
}

type ProfileData = z.infer<typeof ProfileEventData>;

/**
 * THE mapping of a directory profile event (`plein.directory.profile.created|updated`) to the person rule's
 * facts. Events from before `lastName`/`photoVersion`/`active` travelled are read the safe way: the last name is
 * what follows the first name in the display name, a photo without a known version is 'unknown', absent
 * `active` is active.
 */
export function personFactsOfProfile(data: ProfileData): StoredPersonFacts {
  return {
    id: data.userId,
    kind: data.kind,
    firstName: data.firstName,
    lastName:
      data.lastName ??
      (data.displayName.startsWith(`${data.firstName} `)
        ? data.displayName.slice(data.firstName.length + 1)
        : ''),
    displayName: data.displayName,
    optedIn: data.optedIn,
    sharedFields: data.sharedFields,
    photoVersion: data.photoVersion ?? (data.hasPhoto ? 'unknown' : null),
    active: data.active !== false,
  };
}

/**
 * The facts of someone the directory has not told the service about yet (its profile event has not arrived),
 * from what identity says of them: the safest reading. A client counts as not opted in (nobody to other
 * clients), known to staff by identity's name; no photo.
 */
export const standInPersonFacts = (
  id: string,
  realm: Realm,
  displayName: string,
  active = true,
): StoredPersonFacts => ({
  id,
  kind: realm === 'staff' ? 'staff' : 'client',
  firstName: '',
  lastName: '',
  displayName,
  optedIn: false,
  sharedFields: [],
  photoVersion: null,
  active,
});

/**
 * The table of a service's copy of the directory's facts, as SQL for a migration (written once here):
 * `for (const sql of personFactsTableSql('<service>').up) this.addSql(sql);` and `.down` in its `down`.
 * Timelines' `people` and knowledge's `person_facts` (migrations that landed before this) are the same table.
 */
export function personFactsTableSql(
  schema: string,
  table = 'person_facts',
): { up: string[]; down: string[] } {
  for (const name of [schema, table])
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid name ${name}`);
  const t = `"${schema}"."${table}"`;
  return {
    up: [
      `create table ${t} (
      "user_id" uuid primary key,
      "kind" text not null check ("kind" in ('staff', 'client')),
      "first_name" text not null,
      "last_name" text not null,
      "display_name" text not null,
      "opted_in" boolean not null,
      "shared_fields" text[] not null,
      "photo_version" text,
      "active" boolean not null,
      "seen_at" timestamptz not null)`,
    ],
    down: [`drop table ${t}`],
  };
}

/**
 * The entity of a service's local copy of the directory's facts (a table with the columns of knowledge's
 * `person_facts`: user_id, kind, first_name, last_name, display_name, opted_in, shared_fields, photo_version,
 * active, seen_at). `seenAt`: the time of the newest profile event applied.
 */
export function definePersonFactsEntity(name: string, tableName = 'person_facts') {
  return defineEntity({
    name,
    tableName,
    properties: {
      userId: p.uuid().primary(),
      kind: p.string().$type<PersonKind>(),
      firstName: p.text(),
      lastName: p.text(),
      displayName: p.text(),
      optedIn: p.boolean(),
      sharedFields: p.array().$type<ClientSharedField[]>(),
      photoVersion: p.text().nullable(),
      active: p.boolean(),
      seenAt: p.datetime(),
    },
  });
}
export type PersonFactsEntity = ReturnType<typeof definePersonFactsEntity>;
type PersonFactsRow = InstanceType<PersonFactsEntity['class']>;

/**
 * A service's copy of the directory's facts, kept by two durable consumers (profile.created and .updated).
 * Construct it with the `em` of the transaction (the consumer's) or request context in use.
 */
export class PersonFactsStore {
  constructor(
    private readonly em: EntityManager,
    private readonly entity: PersonFactsEntity,
  ) {}

  /**
   * Applies one profile event; the newest (by `occurredAt`) wins, whichever durable delivers first (an event
   * older than the one applied changes nothing).
   */
  async follow(data: ProfileData, occurredAt: string): Promise<void> {
    const { id, ...facts } = personFactsOfProfile(data);
    const seenAt = new Date(occurredAt);
    await this.em.upsert(
      this.entity,
      { userId: id, ...facts, seenAt },
      {
        onConflictFields: ['userId'],
        onConflictAction: 'merge',
        onConflictWhere: { seenAt: { $lte: seenAt } },
      },
    );
  }

  /** The facts of each id the directory has told of (a service's store may add its stand-ins here). */
  byIds(ids: Iterable<string>): Promise<Map<string, StoredPersonFacts>> {
    return this.told(ids);
  }

  private async told(ids: Iterable<string>): Promise<Map<string, StoredPersonFacts>> {
    const unique = [...new Set(ids)];
    const out = new Map<string, StoredPersonFacts>();
    if (unique.length === 0) return out;
    const rows = (await this.em.find(this.entity, { userId: { $in: unique } })) as PersonFactsRow[];
    for (const r of rows) out.set(r.userId, storedFacts(r));
    return out;
  }

  /**
   * The facts of each id the service knows: the directory's decide; while its event has not arrived, the people
   * `standIns` finds (those the service met as principals, or identity told it of) stand in with the safest
   * reading (`standInPersonFacts`).
   */
  async withStandIns(
    ids: Iterable<string>,
    standIns: (ids: string[]) => Promise<{ id: string; realm: Realm; displayName: string }[]>,
  ): Promise<Map<string, StoredPersonFacts>> {
    const unique = [...new Set(ids)];
    const out = new Map<string, StoredPersonFacts>();
    if (unique.length === 0) return out;
    for (const r of await standIns(unique)) out.set(r.id, standInPersonFacts(r.id, r.realm, r.displayName));
    for (const [id, f] of await this.told(unique)) out.set(id, f);
    return out;
  }
}

const storedFacts = (r: PersonFactsRow): StoredPersonFacts => ({
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
