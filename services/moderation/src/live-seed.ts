import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NatsEnv, loadConfig, runSeed } from '@plein/config';
import { ModerationRpc, type Principal } from '@plein/contracts';
import { type NatsAccess, callRpc, demoPeople, natsClientProxy } from '@plein/messaging';

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
const ROOT = resolve(import.meta.dirname, '../../..');

export async function seedModeration(access: NatsAccess): Promise<string> {
  const nats = natsClientProxy(access, 'moderation-live-seed');
  try {
    const people = await demoPeople(nats, ROOT);
    // every seeded submission is for the client intranet's news (staff act in its tree too)
    const as = (username: string): Principal => people.as(username, 'client');
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

await runSeed(import.meta.url, 'moderation seed', () => seedModeration(loadConfig(NatsEnv)));
