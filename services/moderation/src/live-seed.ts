import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, NatsEnv, loadConfig } from '@plein/config';
import { IdentityRpc, ModerationRpc, type Principal, ROLES_BY_REALM, type Role } from '@plein/contracts';
import { type NatsAccess, callRpc, natsClientProxy } from '@plein/messaging';

/**
 * Moderation's part of the demo organisation (deploy/seed/moderation, Dutch and fictional): submitted articles
 * through moderation's own RPCs as the demo people — the column "Uit de moestuin" published (so it is in the
 * client news), one returned with feedback and a board comment, one waiting in the queue. Idempotent: nothing
 * is added when the first one is there.
 */
interface SeedSubmission {
  author: string;
  title: string;
  body: string;
  series?: string;
  decisions?: { editor: string; action: 'publish' | 'return' | 'reject'; note?: string }[];
  comments?: { author: string; body: string }[];
}
interface OverlayUser {
  id: string;
  username: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  realmRoles?: string[];
}

const ROOT = resolve(import.meta.dirname, '../../..');

export async function seedModeration(access: NatsAccess): Promise<string> {
  const nats = natsClientProxy(access, 'moderation-live-seed');
  try {
    const people = new Map<string, Principal>();
    for (const realm of ['staff', 'clients'] as const) {
      const overlay = JSON.parse(
        await readFile(resolve(ROOT, `deploy/seed/keycloak/${realm}-overlay.json`), 'utf8'),
      ) as { users?: OverlayUser[] };
      for (const user of overlay.users ?? []) {
        const roles = (user.realmRoles ?? []).filter((r): r is Role =>
          ROLES_BY_REALM[realm].includes(r as Role),
        );
        const ensured = await callRpc(nats, IdentityRpc.ensureUser, {
          realm,
          subject: user.id,
          username: user.username,
          displayName: [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username,
          ...(user.email ? { email: user.email } : {}),
          roles,
        });
        people.set(user.username, {
          realm,
          // every seeded submission is for the client intranet's news (staff act in its tree too)
          intranet: 'client',
          userId: ensured.id,
          subject: user.id,
          username: ensured.username,
          displayName: ensured.displayName,
          roles: ensured.roles,
          groupIds: [],
        });
      }
    }
    const as = (username: string): Principal => {
      const p = people.get(username);
      if (!p) throw new Error(`seed: unknown demo user ${username}`);
      return p;
    };
    const { submissions } = JSON.parse(
      await readFile(resolve(ROOT, 'deploy/seed/moderation/submissions.json'), 'utf8'),
    ) as { submissions: SeedSubmission[] };
    const first = submissions[0]!;
    const mine = await callRpc(
      nats,
      ModerationRpc.listSubmissions,
      { mine: true, limit: 100 },
      as(first.author),
    );
    if (mine.items.some((s) => s.title === first.title)) return 'submissions already seeded';
    for (const s of submissions) {
      const created = await callRpc(
        nats,
        ModerationRpc.createSubmission,
        { title: s.title, body: s.body, ...(s.series ? { series: s.series } : {}) },
        as(s.author),
      );
      for (const c of s.comments ?? [])
        await callRpc(nats, ModerationRpc.commentSubmission, { id: created.id, body: c.body }, as(c.author));
      for (const d of s.decisions ?? [])
        await callRpc(
          nats,
          ModerationRpc.decideSubmission,
          { id: created.id, decision: { action: d.action, ...(d.note ? { note: d.note } : {}) } },
          as(d.editor),
        );
    }
    return `${submissions.length} submissions`;
  } finally {
    nats.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const config = loadConfig(NatsEnv);
    console.log(`moderation seed: ${await seedModeration(config)}`);
  } catch (err) {
    console.error(`moderation seed: ${err instanceof ConfigError ? err.message : String(err)}`);
    process.exit(1);
  }
}
