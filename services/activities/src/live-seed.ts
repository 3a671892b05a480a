import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DatabaseEnv, NatsEnv, loadConfig, runSeed } from '@plein/config';
import { ActivitiesRpc, type Principal } from '@plein/contracts';
import { type NatsAccess, callRpc, demoPeople, natsClientProxy } from '@plein/messaging';

/**
 * Activities' part of the demo organisation (deploy/seed/activities, Dutch and fictional): cooking, the vegetable
 * garden, walking and computer lessons for clients, and two staff activities, each with sign-ups, made through
 * activities' own RPCs as the demo people (so they are validated and their events published like any other).
 * Dates are relative to the day of seeding. Idempotent: skipped when the first activity is there.
 */
interface SeedActivity {
  intranet: 'staff' | 'client';
  organiser: string;
  title: string;
  description: string;
  location: string;
  /** Days from the day of seeding. */
  day: number;
  start: string;
  end: string;
  capacity: number;
  repeatWeekly?: number;
  signups: string[];
}
const ROOT = resolve(import.meta.dirname, '../../..');
const SEED = resolve(ROOT, 'deploy/seed/activities');

const at = (day: number, time: string): string => {
  const d = new Date();
  d.setDate(d.getDate() + day);
  const [h, m] = time.split(':').map(Number);
  d.setHours(h ?? 0, m ?? 0, 0, 0);
  return d.toISOString();
};

export async function seedActivities(access: NatsAccess): Promise<string> {
  const nats = natsClientProxy(access, 'activities-live-seed');
  try {
    const people = await demoPeople(nats, ROOT);
    const as = (username: string, intranet: 'staff' | 'client'): Principal => people.as(username, intranet);
    const { activities } = JSON.parse(await readFile(resolve(SEED, 'activities.json'), 'utf8')) as {
      activities: SeedActivity[];
    };
    const first = activities[0]!;
    const existing = await callRpc(
      nats,
      ActivitiesRpc.list,
      { from: new Date(Date.now() - 30 * 24 * 3600_000).toISOString(), limit: 100 },
      as(first.organiser, first.intranet),
    );
    if (existing.items.some((a) => a.title === first.title)) return 'activities already seeded';
    let signups = 0;
    for (const a of activities) {
      const made = await callRpc(
        nats,
        ActivitiesRpc.create,
        {
          title: a.title,
          description: a.description,
          location: a.location,
          startsAt: at(a.day, a.start),
          endsAt: at(a.day, a.end),
          capacity: a.capacity,
          ...(a.repeatWeekly ? { repeatWeekly: a.repeatWeekly } : {}),
        },
        as(a.organiser, a.intranet),
      );
      for (const who of a.signups) {
        await callRpc(nats, ActivitiesRpc.signup, { id: made.id }, as(who, a.intranet));
        signups++;
      }
    }
    return `${activities.length} activities, ${signups} sign-ups`;
  } finally {
    nats.close();
  }
}

await runSeed(import.meta.url, 'activities seed', () =>
  seedActivities(loadConfig(DatabaseEnv.extend(NatsEnv.shape))),
);
