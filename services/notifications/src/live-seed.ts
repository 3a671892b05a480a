import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NatsEnv, loadConfig, runSeed } from '@plein/config';
import { type NotificationPreferencesPatch, NotificationsRpc } from '@plein/contracts';
import { type NatsAccess, callRpc, demoPeople, natsClientProxy } from '@plein/messaging';

/**
 * Notifications' part of the demo organisation (deploy/seed/notifications, Dutch and fictional). The
 * notifications themselves come from what the other seeds do (a published column, a comment, an answer: their
 * events), as they would in use; what notifications keeps of its own is each person's choice per kind (in the
 * app, also in the daily digest, or off), which this sets for a few demo people through notifications' own RPC,
 * as them. Then it waits a little for the showcase person's notifications (the other seeds' events arrive
 * asynchronously) and says how many there are. Idempotent: nothing is set when the first person's choices are
 * there.
 */
interface Seed {
  /** The demo person whose notifications `./plein up` reports. */
  showcase: string;
  preferences: { person: string; why: string; kinds: NotificationPreferencesPatch['kinds'] }[];
}

const ROOT = resolve(import.meta.dirname, '../../..');

export async function seedNotifications(access: NatsAccess, waitMs = 30_000): Promise<string> {
  const nats = natsClientProxy(access, 'notifications-live-seed');
  try {
    const people = await demoPeople(nats, ROOT);
    const seed = JSON.parse(
      await readFile(resolve(ROOT, 'deploy/seed/notifications/preferences.json'), 'utf8'),
    ) as Seed;
    const first = seed.preferences[0]!;
    const now = await callRpc(nats, NotificationsRpc.getPreferences, {}, people.as(first.person));
    const seeded = Object.entries(first.kinds).every(
      ([kind, channel]) => now.kinds[kind as keyof typeof now.kinds] === channel,
    );
    if (seeded) return 'preferences already seeded';
    for (const p of seed.preferences)
      await callRpc(nats, NotificationsRpc.setPreferences, { kinds: p.kinds }, people.as(p.person));

    const showcase = people.as(seed.showcase);
    const until = Date.now() + waitMs;
    let count = 0;
    for (;;) {
      count = (await callRpc(nats, NotificationsRpc.list, { limit: 50 }, showcase)).items.length;
      if (count > 0 || Date.now() >= until) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    return `${seed.preferences.length} people's preferences; ${seed.showcase} has ${count} notifications`;
  } finally {
    nats.close();
  }
}

await runSeed(import.meta.url, 'notifications seed', () => seedNotifications(loadConfig(NatsEnv)));
