import { describe, expect, it } from 'vitest';
import { suggestUsername, newStartCode } from './clients/start-code.js';
import type { RunningRealm } from './keycloak-admin.client.js';
import { compareRealm, mergeRealm, readRealmFile, realmDir } from './realm-drift.js';

const file = readRealmFile(realmDir(), 'staff');
const profile =
  file.components!['org.keycloak.userprofile.UserProfileProvider']![0]!.config![
    'kc.user.profile.config'
  ]![0]!;

/** The running realm exactly as the file says. */
function running(): RunningRealm {
  const roles = file.roles!.realm!;
  return {
    roles: roles.map((r) => ({
      name: r.name,
      ...(r.description ? { description: r.description } : {}),
      composite: r.composite ?? false,
    })),
    defaultRoles: roles.find((r) => r.name === 'default-roles-staff')!.composites!.realm!,
    clients: [...file.clients!, { clientId: 'account', publicClient: true }],
    userProfile: JSON.parse(profile) as unknown,
  };
}

describe('compareRealm', () => {
  it('finds nothing when Keycloak is as deploy/keycloak says', () => {
    expect(compareRealm('staff', file, running())).toEqual([]);
  });

  it('names a changed, a missing and an unexpected role', () => {
    const r = running();
    r.roles = r.roles
      .filter((x) => x.name !== 'moderator')
      .map((x) => (x.name === 'mentor' ? { ...x, description: 'anders' } : x));
    r.roles.push({ name: 'stagiair', composite: false });
    expect(compareRealm('staff', file, r)).toEqual([
      expect.objectContaining({ kind: 'role', name: 'mentor', difference: 'changed' }),
      expect.objectContaining({ kind: 'role', name: 'moderator', difference: 'missing' }),
      expect.objectContaining({ kind: 'role', name: 'stagiair', difference: 'unexpected' }),
    ]);
  });

  it('names changed default roles, client settings and profile permissions', () => {
    const r = running();
    r.defaultRoles = ['offline_access'];
    r.clients = r.clients.map((c) =>
      c['clientId'] === 'plein-staff-portal' ? { ...c, directAccessGrantsEnabled: true } : c,
    );
    const up = r.userProfile as { attributes: { name: string; permissions: { edit: string[] } }[] };
    up.attributes.find((a) => a.name === 'firstName')!.permissions.edit = ['admin', 'user'];
    const kinds = compareRealm('staff', file, r).map((d) => [d.kind, d.name, d.difference]);
    expect(kinds).toEqual([
      ['default-roles', 'default-roles-staff', 'changed'],
      ['client', 'plein-staff-portal', 'changed'],
      ['user-profile', 'firstName', 'changed'],
    ]);
  });

  it('merges an overlay as deploy/local/keycloak.sh does', () => {
    expect(
      mergeRealm(
        { clients: [{ clientId: 'a', redirectUris: ['x'] }], realm: 'staff' },
        { clients: [{ clientId: 'a', redirectUris: ['y'] }, { clientId: 'b' }] },
      ),
    ).toEqual({ clients: [{ clientId: 'a', redirectUris: ['y'] }, { clientId: 'b' }], realm: 'staff' });
  });
});

describe('client account helpers', () => {
  it('suggests a username from the names', () => {
    expect(suggestUsername('Fleur', 'van den Berg')).toBe('fleur.vandenberg');
    expect(suggestUsername('Zoë')).toBe('zoe');
    expect(suggestUsername('Al')).toBe('al.client');
  });

  it('makes start codes without look-alike characters', () => {
    for (let i = 0; i < 200; i++)
      expect(newStartCode()).toMatch(
        /^[ACDEFGHJKMNPQRTUVWXY345679]{4}(-[ACDEFGHJKMNPQRTUVWXY345679]{4}){2}$/,
      );
  });
});
