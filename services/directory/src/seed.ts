import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ConfigError, DatabaseEnv, loadConfig } from '@plein/config';
import { LocationCreated, type Realm, TeamCreated } from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { serviceOrmConfig, textArray } from '@plein/persistence';
import { avatarRenditions } from './avatar.js';
import { SERVICE, directoryDatabase } from './directory.config.js';
import type { ProfilePreset } from './identity-follower.js';

interface Organisation {
  functions: { id: string; name: string }[];
  locations: {
    id: string;
    name: string;
    kind: string;
    street: string;
    postalCode: string;
    city: string;
    description: string;
  }[];
  teams: { id: string; name: string; purpose: string; locations: string[] }[];
}
interface People {
  people: { realm: Realm; subject: string; username: string; preset: ProfilePreset }[];
}

const SEED_DIR = resolve(import.meta.dirname, '../../../deploy/seed/directory');
const read = <T>(file: string): T => JSON.parse(readFileSync(resolve(SEED_DIR, file), 'utf8')) as T;

/**
 * The directory's part of the demo organisation (fictional, Dutch): functions, locations, result-oriented
 * teams, and for each demo person (by Keycloak subject) their function, teams, locations, details and a
 * generated face. People are not created here: identity provisions them from Keycloak, and the directory
 * applies these presets when plein.identity.user.provisioned arrives. Idempotent: what exists is kept.
 */
export async function seedDirectory(databaseUrl: string): Promise<{ presets: number }> {
  const org = read<Organisation>('organisation.json');
  const { people } = read<People>('people.json');
  const avatars = new Map(
    await Promise.all(
      people
        .filter((p) => p.realm === 'staff' || p.preset.optedIn)
        .map(async (p) => [p.subject, await avatarRenditions(p.username)] as const),
    ),
  );
  const orm = await MikroORM.init(serviceOrmConfig(directoryDatabase(databaseUrl)));
  try {
    await orm.em.fork().transactional(async (tx) => {
      for (const f of org.functions) {
        await tx.execute(
          `insert into "directory"."functions" (id, name) values (?, ?) on conflict do nothing`,
          [f.id, f.name],
        );
      }
      for (const l of org.locations) {
        const added = await tx.execute(
          `insert into "directory"."locations" (id, name, kind, street, postal_code, city, description)
           values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning id`,
          [l.id, l.name, l.kind, l.street, l.postalCode, l.city, l.description],
        );
        if (added.length > 0) {
          const teamIds = org.teams.filter((t) => t.locations.includes(l.id)).map((t) => t.id);
          recordEvent(tx, LocationCreated, { id: l.id, name: l.name, kind: l.kind, teamIds }, SERVICE);
        }
      }
      for (const t of org.teams) {
        const added = await tx.execute(
          `insert into "directory"."teams" (id, name, purpose) values (?, ?, ?) on conflict do nothing returning id`,
          [t.id, t.name, t.purpose],
        );
        if (added.length > 0) {
          await tx.execute(
            `insert into "directory"."team_locations" (team_id, location_id) select ?, unnest(?::uuid[])
             on conflict do nothing`,
            [t.id, textArray(t.locations)],
          );
          // Members and the lead join when their profiles arrive (presets), publishing team.member-added.
          recordEvent(
            tx,
            TeamCreated,
            { id: t.id, name: t.name, purpose: t.purpose, locationIds: t.locations, leadId: null },
            SERVICE,
          );
        }
      }
      for (const p of people) {
        const face = avatars.get(p.subject);
        await tx.execute(
          `insert into "directory"."profile_presets" (realm, subject, data, thumb, medium) values (?, ?, ?::jsonb, ?, ?)
           on conflict do nothing`,
          [p.realm, p.subject, JSON.stringify(p.preset), face?.thumb ?? null, face?.medium ?? null],
        );
      }
    });
    return { presets: people.length };
  } finally {
    await orm.close(true);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { DATABASE_URL } = loadConfig(DatabaseEnv);
    const { presets } = await seedDirectory(DATABASE_URL);
    console.log(`directory: demo organisation seeded (${presets} people presets)`);
  } catch (err) {
    console.error(`directory: ${err instanceof ConfigError ? err.message : String(err)}`);
    process.exit(1);
  }
}
