import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import { DatabaseEnv, loadConfig, runSeed } from '@plein/config';
import { LocationCreated, type Realm, TeamCreated } from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { serviceOrmConfig } from '@plein/persistence';
import { avatarRenditions } from './avatar.js';
import { FunctionEntity } from './entities/function.entity.js';
import { LocationEntity } from './entities/location.entity.js';
import { ProfilePresetEntity } from './entities/profile.entity.js';
import { TeamEntity, TeamLocationEntity } from './entities/team.entity.js';
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
      // what exists is kept: a row is added only when neither its id nor its (unique) name is there yet
      const missing = async <T extends { id: string; name: string }>(
        entity: EntitySchema<T>,
        rows: { id: string; name: string }[],
      ) => {
        const found = await tx.find(entity, {
          $or: [{ id: { $in: rows.map((r) => r.id) } }, { name: { $in: rows.map((r) => r.name) } }],
        } as never);
        const have = new Set(found.flatMap((r) => [`id:${r.id}`, `name:${r.name}`]));
        return (row: { id: string; name: string }) =>
          !have.has(`id:${row.id}`) && !have.has(`name:${row.name}`);
      };
      const newFunction = await missing(FunctionEntity as never, org.functions);
      for (const f of org.functions.filter(newFunction)) tx.create(FunctionEntity, f);
      const newLocation = await missing(LocationEntity as never, org.locations);
      for (const l of org.locations.filter(newLocation)) {
        tx.create(LocationEntity, l);
        const teamIds = org.teams.filter((t) => t.locations.includes(l.id)).map((t) => t.id);
        recordEvent(tx, LocationCreated, { id: l.id, name: l.name, kind: l.kind, teamIds }, SERVICE);
      }
      await tx.flush();
      const newTeam = await missing(TeamEntity as never, org.teams);
      for (const t of org.teams.filter(newTeam)) {
        tx.create(TeamEntity, { id: t.id, name: t.name, purpose: t.purpose, leadId: null });
        await tx.flush(); // the team first: its location links refer to it
        for (const locationId of new Set(t.locations))
          tx.create(TeamLocationEntity, { teamId: t.id, locationId });
        // Members and the lead join when their profiles arrive (presets), publishing team.member-added.
        recordEvent(
          tx,
          TeamCreated,
          { id: t.id, name: t.name, purpose: t.purpose, locationIds: t.locations, leadId: null },
          SERVICE,
        );
      }
      await tx.flush();
      const presets = await tx.find(ProfilePresetEntity, {});
      const known = new Set(presets.map((pp) => `${pp.realm}/${pp.subject}`));
      for (const p of people.filter((p) => !known.has(`${p.realm}/${p.subject}`))) {
        const face = avatars.get(p.subject);
        tx.create(ProfilePresetEntity, {
          realm: p.realm,
          subject: p.subject,
          data: p.preset,
          thumb: face?.thumb ?? null,
          medium: face?.medium ?? null,
        });
      }
    });
    return { presets: people.length };
  } finally {
    await orm.close(true);
  }
}

await runSeed(import.meta.url, 'directory', async () => {
  const { presets } = await seedDirectory(loadConfig(DatabaseEnv).DATABASE_URL);
  return `demo organisation seeded (${presets} people presets)`;
});
