import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Realm, RealmDifference } from '@plein/contracts';
import type { RunningRealm } from './keycloak-admin.client.js';

/** The client settings deploy/keycloak decides (the rest Keycloak fills in with its defaults). */
const CLIENT_FIELDS = [
  'enabled',
  'publicClient',
  'bearerOnly',
  'standardFlowEnabled',
  'implicitFlowEnabled',
  'directAccessGrantsEnabled',
  'serviceAccountsEnabled',
  'redirectUris',
  'webOrigins',
] as const;

/** Realm roles Keycloak makes in every realm. */
const BUILT_IN_ROLES = new Set(['offline_access', 'uma_authorization']);

export interface RealmFile {
  realm: string;
  roles?: {
    realm?: { name: string; description?: string; composite?: boolean; composites?: { realm?: string[] } }[];
  };
  clients?: Record<string, unknown>[];
  components?: Record<string, { providerId: string; config?: Record<string, string[]> }[]>;
}

interface ProfileAttribute {
  name: string;
  permissions?: { view?: string[]; edit?: string[] };
  required?: unknown;
}

/** Where deploy/keycloak is: KEYCLOAK_REALM_DIR, else found upwards from this file or the working directory. */
export function realmDir(configured?: string): string {
  if (configured) return configured;
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    let dir = start;
    for (let i = 0; i < 8; i++) {
      const candidate = resolve(dir, 'deploy', 'keycloak');
      if (existsSync(resolve(candidate, 'staff-realm.json'))) return candidate;
      dir = resolve(dir, '..');
    }
  }
  throw new Error('deploy/keycloak not found: set KEYCLOAK_REALM_DIR');
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const IDS = ['clientId', 'username', 'alias', 'name'];
const idOf = (arr: unknown[]) =>
  IDS.find((k) => arr.length > 0 && arr.every((x) => isObj(x) && typeof x[k] === 'string'));

/** The merge deploy/local/keycloak.sh does: objects key by key, arrays of named objects item by item. */
export function mergeRealm(a: unknown, b: unknown): unknown {
  if (isObj(a) && isObj(b)) {
    const o: Record<string, unknown> = { ...a };
    for (const k of Object.keys(b)) o[k] = k in a ? mergeRealm(a[k], b[k]) : b[k];
    return o;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const id = idOf(a) && idOf(b) === idOf(a) ? idOf(a) : undefined;
    if (!id) return b;
    const o: unknown[] = [...(a as unknown[])];
    for (const item of b as Record<string, unknown>[]) {
      const i = o.findIndex((x) => (x as Record<string, unknown>)[id] === item[id]);
      if (i >= 0) o[i] = mergeRealm(o[i], item);
      else o.push(item);
    }
    return o;
  }
  return b;
}

/**
 * The realm as deploy/keycloak defines it, with this environment's overlay merged over it when one is configured
 * (locally and in tests deploy/seed/keycloak, which adds the test clients and the local portal addresses).
 */
export function readRealmFile(dir: string, realm: Realm, overlayDir?: string): RealmFile {
  const base = JSON.parse(readFileSync(resolve(dir, `${realm}-realm.json`), 'utf8')) as RealmFile;
  const overlay = overlayDir ? resolve(overlayDir, `${realm}-overlay.json`) : undefined;
  if (!overlay || !existsSync(overlay)) return base;
  return mergeRealm(base, JSON.parse(readFileSync(overlay, 'utf8'))) as RealmFile;
}

const sorted = (v: unknown) => (Array.isArray(v) ? [...(v as unknown[])].map(String).sort() : v);
const same = (a: unknown, b: unknown) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const show = (v: unknown) => JSON.stringify(sorted(v) ?? null);

function fileProfile(file: RealmFile): ProfileAttribute[] | undefined {
  const provider = file.components?.['org.keycloak.userprofile.UserProfileProvider']?.find(
    (c) => c.providerId === 'declarative-user-profile',
  );
  const raw = provider?.config?.['kc.user.profile.config']?.[0];
  return raw ? (JSON.parse(raw) as { attributes: ProfileAttribute[] }).attributes : undefined;
}

/**
 * Compares a running realm with its file in deploy/keycloak (the source of truth for roles, clients and user
 * profile) and names each difference: a role, client or profile attribute the file has and Keycloak lacks
 * (`missing`), one Keycloak has beyond the file (`unexpected`: roles and profile attributes; Keycloak's own
 * clients and the demo overlay's test clients are not counted), or a setting that differs (`changed`).
 */
export function compareRealm(realm: Realm, file: RealmFile, running: RunningRealm): RealmDifference[] {
  const out: RealmDifference[] = [];
  const diff = (
    kind: RealmDifference['kind'],
    name: string,
    difference: RealmDifference['difference'],
    detail: string,
  ) => out.push({ realm, kind, name, difference, detail });

  const defaultRolesName = `default-roles-${realm}`;
  const fileRoles = (file.roles?.realm ?? []).filter((r) => r.name !== defaultRolesName);
  const runningRoles = new Map(running.roles.map((r) => [r.name, r]));
  for (const role of fileRoles) {
    const now = runningRoles.get(role.name);
    if (!now) {
      diff('role', role.name, 'missing', 'in deploy/keycloak, not in Keycloak');
      continue;
    }
    if ((role.description ?? '') !== (now.description ?? ''))
      diff(
        'role',
        role.name,
        'changed',
        `description: ${show(role.description)} in deploy/keycloak, ${show(now.description)} in Keycloak`,
      );
    if ((role.composite ?? false) !== now.composite)
      diff(
        'role',
        role.name,
        'changed',
        `composite: ${role.composite ?? false} in deploy/keycloak, ${now.composite} in Keycloak`,
      );
  }
  const fileRoleNames = new Set(fileRoles.map((r) => r.name));
  for (const role of running.roles) {
    if (role.name === defaultRolesName || fileRoleNames.has(role.name) || BUILT_IN_ROLES.has(role.name))
      continue;
    diff('role', role.name, 'unexpected', 'in Keycloak, not in deploy/keycloak');
  }
  const fileDefaults = (file.roles?.realm ?? []).find((r) => r.name === defaultRolesName)?.composites?.realm;
  if (fileDefaults && !same(fileDefaults, running.defaultRoles))
    diff(
      'default-roles',
      defaultRolesName,
      'changed',
      `${show(fileDefaults)} in deploy/keycloak, ${show(running.defaultRoles)} in Keycloak`,
    );

  const runningClients = new Map(running.clients.map((c) => [String(c['clientId']), c]));
  for (const client of file.clients ?? []) {
    const clientId = String(client['clientId']);
    const now = runningClients.get(clientId);
    if (!now) {
      diff('client', clientId, 'missing', 'in deploy/keycloak, not in Keycloak');
      continue;
    }
    for (const field of CLIENT_FIELDS) {
      if (!(field in client)) continue;
      if (!same(client[field], now[field]))
        diff(
          'client',
          clientId,
          'changed',
          `${field}: ${show(client[field])} in deploy/keycloak, ${show(now[field])} in Keycloak`,
        );
    }
  }

  const wanted = fileProfile(file);
  const actual = (running.userProfile as { attributes?: ProfileAttribute[] } | undefined)?.attributes ?? [];
  if (wanted) {
    const actualByName = new Map(actual.map((a) => [a.name, a]));
    for (const attr of wanted) {
      const now = actualByName.get(attr.name);
      if (!now) {
        diff('user-profile', attr.name, 'missing', 'in deploy/keycloak, not in Keycloak');
        continue;
      }
      for (const p of ['view', 'edit'] as const) {
        if (!same(attr.permissions?.[p] ?? [], now.permissions?.[p] ?? []))
          diff(
            'user-profile',
            attr.name,
            'changed',
            `${p} permission: ${show(attr.permissions?.[p] ?? [])} in deploy/keycloak, ${show(now.permissions?.[p] ?? [])} in Keycloak`,
          );
      }
      if (Boolean(attr.required) !== Boolean(now.required))
        diff(
          'user-profile',
          attr.name,
          'changed',
          `required: ${Boolean(attr.required)} in deploy/keycloak, ${Boolean(now.required)} in Keycloak`,
        );
    }
    const wantedNames = new Set(wanted.map((a) => a.name));
    for (const attr of actual)
      if (!wantedNames.has(attr.name))
        diff('user-profile', attr.name, 'unexpected', 'in Keycloak, not in deploy/keycloak');
  }
  return out;
}
