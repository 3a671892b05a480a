import { describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  PersonFactsStore,
  definePersonFactsEntity,
  personFactsOfProfile,
  personFactsTableSql,
  standInPersonFacts,
} from './person-facts.js';

const event = {
  userId: '00000000-0000-4000-8000-000000000001',
  realm: 'clients' as const,
  kind: 'client' as const,
  displayName: 'Kees van Dam',
  firstName: 'Kees',
  functionId: null,
  teamIds: [],
  locationIds: [],
  skills: [],
  languages: [],
  about: null,
  optedIn: true,
  sharedFields: ['photo' as const, 'lastName' as const],
  hasPhoto: true,
};

describe('the person facts of a profile event', () => {
  it('takes what the event says', () => {
    expect(
      personFactsOfProfile({ ...event, lastName: 'van Dam', photoVersion: 'abc', active: false }),
    ).toEqual({
      id: event.userId,
      kind: 'client',
      firstName: 'Kees',
      lastName: 'van Dam',
      displayName: 'Kees van Dam',
      optedIn: true,
      sharedFields: ['photo', 'lastName'],
      photoVersion: 'abc',
      active: false,
    });
  });

  it('reads an event from before lastName, photoVersion and active the safe way', () => {
    const facts = personFactsOfProfile(event);
    expect(facts.lastName).toBe('van Dam');
    expect(facts.photoVersion).toBe('unknown');
    expect(facts.active).toBe(true);
    expect(personFactsOfProfile({ ...event, displayName: 'K. van Dam', hasPhoto: false })).toMatchObject({
      lastName: '',
      photoVersion: null,
    });
  });

  it('stands in for someone only identity knows: a client is nobody to other clients, no photo', () => {
    expect(standInPersonFacts('x', 'clients', 'Kees')).toEqual({
      id: 'x',
      kind: 'client',
      firstName: '',
      lastName: '',
      displayName: 'Kees',
      optedIn: false,
      sharedFields: [],
      photoVersion: null,
      active: true,
    });
    expect(standInPersonFacts('y', 'staff', 'Sanne', false)).toMatchObject({ kind: 'staff', active: false });
  });

  it('makes its table only under a plain schema and table name', () => {
    expect(personFactsTableSql('notifications').up[0]).toContain('"notifications"."person_facts"');
    expect(() => personFactsTableSql('x"; drop')).toThrow();
  });
});

describe('the facts with stand-ins', () => {
  const known = personFactsOfProfile({ ...event, lastName: 'van Dam', photoVersion: 'abc', active: true });
  const other = '00000000-0000-4000-8000-000000000002';
  // a fake em: the directory's row of the one person it told of
  const em = {
    find: (_entity: unknown, where: { userId: { $in: string[] } }) =>
      Promise.resolve(
        where.userId.$in.includes(known.id) ? [{ ...known, userId: known.id, seenAt: new Date() }] : [],
      ),
  } as unknown as EntityManager;
  const store = new PersonFactsStore(em, definePersonFactsEntity('SpecPersonFacts'));

  it("the directory's facts decide; someone it has not told of stands in the safe way; nobody else is there", async () => {
    const asked: string[][] = [];
    const facts = await store.withStandIns([known.id, other, other, 'nobody'], (ids) => {
      asked.push(ids);
      return Promise.resolve([
        { id: known.id, realm: 'clients' as const, displayName: 'Kees' },
        { id: other, realm: 'staff' as const, displayName: 'Anna de Wit' },
      ]);
    });
    expect(asked).toEqual([[known.id, other, 'nobody']]);
    expect(facts.get(known.id)).toEqual(known);
    expect(facts.get(other)).toEqual(standInPersonFacts(other, 'staff', 'Anna de Wit'));
    expect(facts.has('nobody')).toBe(false);
  });

  it("a service's store that adds its stand-ins to byIds still reads the directory's facts", async () => {
    class WithPeople extends PersonFactsStore {
      override byIds(ids: Iterable<string>) {
        return this.withStandIns(ids, () =>
          Promise.resolve([{ id: other, realm: 'clients' as const, displayName: 'Mo' }]),
        );
      }
    }
    const facts = await new WithPeople(em, definePersonFactsEntity('SpecPersonFacts')).byIds([
      known.id,
      other,
    ]);
    expect(facts.get(known.id)).toEqual(known);
    expect(facts.get(other)).toEqual(standInPersonFacts(other, 'clients', 'Mo'));
  });

  it('asks nothing for no ids', async () => {
    const facts = await store.withStandIns([], () => Promise.reject(new Error('not asked')));
    expect(facts.size).toBe(0);
  });
});
