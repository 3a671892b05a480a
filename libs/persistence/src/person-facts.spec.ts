import { describe, expect, it } from 'vitest';
import { personFactsOfProfile, personFactsTableSql, standInPersonFacts } from './person-facts.js';

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
