import type { ClientSharedField, Intranet, PersonKind, Realm, Role } from '@plein/contracts';
import { describe, expect, it } from 'vitest';
import { type PersonFacts, authorCard, directoryEntry, personCard } from './person.rule.js';

const READER = '00000000-0000-4000-8000-00000000000b';
const PERSON = '00000000-0000-4000-8000-00000000000c';

interface Who {
  name: string;
  realm: Realm;
  roles: Role[];
}
const readers: Who[] = [
  { name: 'employee', realm: 'staff', roles: ['employee'] },
  { name: 'mentor', realm: 'staff', roles: ['employee', 'mentor'] },
  { name: 'editor', realm: 'staff', roles: ['employee', 'editor'] },
  { name: 'moderator', realm: 'staff', roles: ['employee', 'moderator'] },
  { name: 'admin', realm: 'staff', roles: ['employee', 'admin'] },
  { name: 'client', realm: 'clients', roles: ['client'] },
  { name: 'client-editor', realm: 'clients', roles: ['client', 'client-editor'] },
];
const sharings: ClientSharedField[][] = [[], ['photo'], ['lastName'], ['photo', 'lastName', 'about']];

const facts = (
  kind: PersonKind,
  optedIn: boolean,
  sharedFields: ClientSharedField[],
  active: boolean,
  photo: boolean,
  id = PERSON,
): PersonFacts => ({
  id,
  kind,
  firstName: 'Kees',
  lastName: 'de Jong',
  displayName: 'Kees de Jong',
  optedIn,
  sharedFields,
  photoVersion: photo ? 'v7' : null,
  active,
});

/** The expected card, written out from the issue, independently of the implementation. */
function expectedName(who: Who, p: PersonFacts, self: boolean): string | null {
  if (!p.active) return null;
  if (self || who.realm === 'staff' || p.kind === 'staff') return 'Kees de Jong';
  if (!p.optedIn) return null;
  return p.sharedFields.includes('lastName') ? 'Kees de Jong' : 'Kees';
}
function expectedPhoto(who: Who, intranet: Intranet, p: PersonFacts, self: boolean): boolean {
  if (!p.active || p.photoVersion === null) return false;
  if (self) return true;
  if (intranet === 'staff') return p.kind === 'staff';
  if (p.kind === 'staff') return true;
  return p.optedIn && p.sharedFields.includes('photo');
}

describe('person rule: reader realm/intranet/role × person kind × opt-in/shared fields × active × photo', () => {
  const cases: [
    string,
    Who,
    Intranet,
    PersonKind,
    boolean,
    ClientSharedField[],
    boolean,
    boolean,
    boolean,
  ][] = [];
  for (const who of readers)
    for (const intranet of who.realm === 'staff' ? (['staff', 'client'] as const) : (['client'] as const))
      for (const kind of ['staff', 'client'] as PersonKind[])
        for (const optedIn of [false, true])
          for (const shared of sharings)
            for (const active of [false, true])
              for (const photo of [false, true])
                for (const self of [false, true])
                  cases.push([who.name, who, intranet, kind, optedIn, shared, active, photo, self]);

  it('covers the whole matrix', () => {
    expect(cases).toHaveLength((5 * 2 + 2) * 2 * 2 * sharings.length * 2 * 2 * 2);
  });

  it.each(cases)(
    '%s in the %s intranet reading a %s (opted in %s, sharing %j, active %s, photo %s, self %s)',
    (_n, who, intranet, kind, optedIn, shared, active, photo, self) => {
      const p = facts(kind, optedIn, shared, active, photo);
      const reader = { realm: who.realm, intranet, userId: self ? PERSON : READER };
      const card = personCard(reader, p);
      const name = expectedName(who, p, self);
      if (name === null) {
        expect(card).toBeNull();
      } else {
        expect(card).not.toBeNull();
        expect(card!.id).toBe(PERSON);
        expect(card!.kind).toBe(kind);
        expect(card!.displayName).toBe(name);
        if (expectedPhoto(who, intranet, p, self))
          expect(card!.photo?.thumb).toBe(`/api/${intranet}/v1/people/${PERSON}/photo?size=thumb&v=v7`);
        else expect(card!.photo).toBeUndefined();
      }
      // what someone wrote stays: a name when the reader may know them (also after deactivation), else plain
      const author = authorCard(reader, p);
      expect(author.id).toBe(PERSON);
      expect(author.kind).toBe(kind);
      expect(author.displayName).toBe(
        expectedName(who, { ...p, active: true }, self) ?? (kind === 'staff' ? 'Medewerker' : 'Cliënt'),
      );
      // a client's last name never reaches another client who was not given it
      if (who.realm === 'clients' && !self && kind === 'client' && !shared.includes('lastName'))
        expect(JSON.stringify([card, author])).not.toContain('de Jong');
    },
  );

  it('the smoelenboek lists clients on the client intranet only, by their choice, to staff readers too', () => {
    const kees = facts('client', true, ['photo'], true, true);
    const staffReader = { realm: 'staff' as const, userId: READER };
    expect(directoryEntry({ ...staffReader, intranet: 'staff' }, kees)).toBeNull();
    expect(directoryEntry({ ...staffReader, intranet: 'client' }, kees)).toMatchObject({
      as: 'client',
      displayName: 'Kees',
      photo: true,
    });
    expect(directoryEntry({ ...staffReader, intranet: 'client' }, { ...kees, optedIn: false })).toBeNull();
    // while the person card gives staff the client's name (a mentor knows whom they help)
    expect(personCard({ ...staffReader, intranet: 'client' }, { ...kees, optedIn: false })?.displayName).toBe(
      'Kees de Jong',
    );
  });
});
