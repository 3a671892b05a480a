import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NatsEnv, loadConfig, runSeed } from '@plein/config';
import { PleinError, type Principal, TimelinesRpc } from '@plein/contracts';
import { type NatsAccess, callRpc, demoPeople, natsClientProxy } from '@plein/messaging';

/**
 * Timelines' part of the demo organisation (deploy/seed/timelines/content.json, Dutch and fictional).
 * Runs after the services are up (./plein up): the demo people get their Plein ids from identity (their
 * Keycloak ids are fixed in deploy/seed/keycloak), and all content is written through timelines' own RPCs,
 * so it is validated and its events are published like any other. Idempotent: a second run sees the
 * seeded groups and stops.
 */
interface Content {
  follows: [string, string][];
  groups: {
    key: string;
    tree: 'staff' | 'client';
    name: string;
    description: string;
    kind: 'open' | 'closed' | 'secret';
    admin: string;
    members: string[];
  }[];
  posts: {
    tree: 'staff' | 'client';
    author: string;
    type?: 'post' | 'announcement' | 'article';
    audience: 'organization' | 'followers' | 'group' | 'private';
    group?: string;
    body: string;
    title?: string;
    series?: string;
    pinned?: boolean;
    requiresConfirmation?: boolean;
    mentions?: string[];
  }[];
  comments: { post: number; author: string; body: string }[];
  reactions: { post: number; author: string; kind: 'like' | 'heart' | 'thanks' | 'laugh' | 'support' }[];
}

const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * Writes the demo content as the demo people, through the same RPCs and principals the gateway would send: it
 * connects as NATS user `gateway` (./plein up passes the gateway's credentials), the only user allowed to.
 */
export async function seedTimelines(access: NatsAccess): Promise<string> {
  const content = JSON.parse(
    await readFile(resolve(ROOT, 'deploy/seed/timelines/content.json'), 'utf8'),
  ) as Content;
  const nats = natsClientProxy(access, 'timelines-live-seed');
  try {
    const people = await demoPeople(nats, ROOT);
    const as = (username: string, tree: 'staff' | 'client'): Principal => people.as(username, tree);
    const id = (username: string) => as(username, 'client').userId;

    const first = content.groups[0]!;
    const existing = await callRpc(nats, TimelinesRpc.listGroups, {}, as(first.admin, first.tree));
    if (existing.items.some((g) => g.name === first.name)) return 'already seeded';

    // Timelines learns of people from identity's provisioned events; wait until it knows each followee.
    for (const [follower, followee] of content.follows) {
      const until = Date.now() + 30_000;
      for (;;) {
        try {
          await callRpc(nats, TimelinesRpc.follow, { userId: id(followee) }, as(follower, 'client'));
          break;
        } catch (err) {
          if (!(err instanceof PleinError && err.status === 404) || Date.now() > until) throw err;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    }

    const groups = new Map<string, string>();
    for (const g of content.groups) {
      const created = await callRpc(
        nats,
        TimelinesRpc.createGroup,
        { name: g.name, description: g.description, kind: g.kind },
        as(g.admin, g.tree),
      );
      groups.set(g.key, created.id);
      for (const m of g.members) {
        if (g.kind === 'open') {
          await callRpc(nats, TimelinesRpc.addMember, { groupId: created.id }, as(m, g.tree));
        } else {
          // an invitation (secret) or a request (closed), completed by the other side
          if (g.kind === 'secret')
            await callRpc(
              nats,
              TimelinesRpc.addMember,
              { groupId: created.id, userId: id(m) },
              as(g.admin, g.tree),
            );
          await callRpc(nats, TimelinesRpc.addMember, { groupId: created.id }, as(m, g.tree));
          if (g.kind === 'closed')
            await callRpc(
              nats,
              TimelinesRpc.addMember,
              { groupId: created.id, userId: id(m) },
              as(g.admin, g.tree),
            );
        }
      }
    }

    const posts: string[] = [];
    for (const p of content.posts) {
      const created = await callRpc(
        nats,
        TimelinesRpc.createPost,
        {
          type: p.type ?? 'post',
          body: p.body,
          audience: p.audience,
          ...(p.group ? { groupId: groups.get(p.group)! } : {}),
          ...(p.mentions ? { mentions: p.mentions.map(id) } : {}),
          ...(p.title ? { title: p.title } : {}),
          ...(p.series ? { series: p.series } : {}),
          ...(p.pinned ? { pinned: p.pinned } : {}),
          ...(p.requiresConfirmation ? { requiresConfirmation: p.requiresConfirmation } : {}),
        },
        as(p.author, p.tree),
      );
      posts.push(created.id);
    }
    for (const c of content.comments) {
      const tree = content.posts[c.post]!.tree;
      await callRpc(
        nats,
        TimelinesRpc.createComment,
        { postId: posts[c.post]!, body: c.body },
        as(c.author, tree),
      );
    }
    for (const r of content.reactions) {
      const tree = content.posts[r.post]!.tree;
      await callRpc(
        nats,
        TimelinesRpc.setReaction,
        { postId: posts[r.post]!, kind: r.kind },
        as(r.author, tree),
      );
    }
    return `${groups.size} groups, ${posts.length} posts, ${content.comments.length} comments`;
  } finally {
    await nats.close();
  }
}

await runSeed(import.meta.url, 'timelines: seed', () => seedTimelines(loadConfig(NatsEnv)));
