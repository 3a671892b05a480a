import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { NotificationsRpc } from '@plein/contracts';
import { callRpc, demoPeople, natsClientProxy } from '@plein/messaging';
import { testRpcClient } from '@plein/testing';
import type pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, call, database, person, untilKnown } from './support/api.js';
import { eventually } from './support/events.js';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

/**
 * Notifications through the gateway with real tokens: a mention made with the timelines API reaches the
 * mentioned person's open notification stream (SSE) within a second, shows in the list and the count; the daily
 * digest reaches a real SMTP server (started here) with the expected items and links that work, only for the
 * people who chose the digest.
 */
let system: RunningSystem;
let db: pg.Client;
let smtp: SMTPServer;
const mails: { to: string[]; raw: string }[] = [];
const made: TestPerson[] = [];
let author: Person;
let reader: Person;
let digestReader: Person;
let bystander: Person;
const base = () => system.url;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Quoted-printable, as nodemailer writes non-ASCII text. */
const unQp = (s: string) =>
  Buffer.from(
    s
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('latin1')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', () => r()));
  const port = await freePort();
  system = await startSystem({
    port,
    notifications: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, PORTAL_URL: `http://127.0.0.1:${port}` },
  });
  db = await database();
  for (const [first, last] of [
    ['Noor', 'Schrijver'],
    ['Sem', 'Lezer'],
    ['Lotte', 'Digest'],
    ['Bram', 'Omstander'],
  ] as const)
    made.push(await createKeycloakUser('staff', first, `${last}${Date.now().toString(36)}`, ['employee']));
  const people = await Promise.all(made.map((m) => person(base(), 'staff', m.username)));
  [author, reader, digestReader, bystander] = [people[0]!, people[1]!, people[2]!, people[3]!];
  await untilKnown(db, [author.id, reader.id, digestReader.id, bystander.id]);
  // notifications learns their e-mail addresses from identity's events
  await eventually(
    async () =>
      (
        await db.query<{ n: number }>(
          'select count(*)::int as n from notifications.people where user_id = any($1::uuid[]) and email is not null',
          [[reader.id, digestReader.id, bystander.id]],
        )
      ).rows[0]!.n,
    (n) => n === 3,
  );
  // announcements asking everyone to confirm (made by other test files) are theirs too: start from none unread
  for (const p of [reader, digestReader, bystander])
    expect((await call(base(), p, 'POST', '/api/staff/v1/notifications/read-all')).status).toBe(200);
}, 120_000);

afterAll(async () => {
  for (const p of made) await deleteKeycloakUser(p);
  await db?.end();
  await system?.close();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
});

/** The digest's schedule would wait for the morning: the test asks for the run (as the test-only NATS user). */
async function runDigest(): Promise<number> {
  const rpc = testRpcClient();
  try {
    return (await callRpc(rpc, NotificationsRpc.runDigest, {}, undefined, 20_000)).sent;
  } finally {
    await rpc.close();
  }
}

interface SseEvent {
  event: string;
  data: { id?: string; kind?: string; count?: number; link?: string; actor?: { id: string } };
  at: number;
}

function readSse(res: Response) {
  const events: SseEvent[] = [];
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body!.getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return;
        buffer += new TextDecoder().decode(chunk.value);
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data)
            events.push({ event, data: JSON.parse(data) as SseEvent['data'], at: Date.now() });
        }
      }
    } catch {
      // cancelled
    }
  })();
  return { events, close: () => void reader.cancel().catch(() => undefined) };
}

const mention = async (who: Person[], body: string): Promise<string> => {
  const res = await call(base(), author, 'POST', '/api/staff/v1/posts', {
    body,
    audience: 'organization',
    mentions: who.map((p) => p.id),
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
};

describe('live delivery', () => {
  it('an open stream receives a mention within one second of the post', async () => {
    const res = await fetch(`${base()}/api/staff/v1/notifications/stream`, {
      headers: { authorization: `Bearer ${reader.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // announcements asking everyone to confirm (made by other tests) count for a fresh person too
    const before = (
      await call<{ count: number }>(base(), reader, 'GET', '/api/staff/v1/notifications/unread-count')
    ).body.count;
    const stream = readSse(res);
    const other = readSse(
      await fetch(`${base()}/api/staff/v1/notifications/stream`, {
        headers: { authorization: `Bearer ${bystander.token}` },
      }),
    );
    try {
      await new Promise((r) => setTimeout(r, 300)); // subscribed
      const postedAt = Date.now();
      const postId = await mention([reader], 'Hoi @Sem, kijk je even naar het rooster?');
      const arrived = await eventually(
        () => Promise.resolve(stream.events.find((e) => e.event === 'notification')),
        (e) => e !== undefined,
        5_000,
      );
      expect(arrived!.at - postedAt).toBeLessThan(1_000);
      expect(arrived!.data).toMatchObject({
        kind: 'mention',
        link: `/berichten/${postId}`,
        actor: { id: author.id },
      });
      await eventually(
        () => Promise.resolve(stream.events.find((e) => e.event === 'count')),
        (e) => e !== undefined,
        2_000,
      );
      expect(stream.events.find((e) => e.event === 'count')!.data.count).toBe(before + 1);
      // nobody else is told
      await new Promise((r) => setTimeout(r, 500));
      expect(other.events.filter((e) => e.event === 'notification')).toEqual([]);
    } finally {
      stream.close();
      other.close();
    }
  });

  it('the list, the count and marking read, through the gateway', async () => {
    const count = await call(base(), reader, 'GET', '/api/staff/v1/notifications/unread-count');
    expect(count.status).toBe(200);
    expect(count.body).toEqual({ count: 1 });
    const list = await call(base(), reader, 'GET', '/api/staff/v1/notifications?unread=true');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const id = list.body.items[0]!.id;
    const read = await call(base(), reader, 'POST', `/api/staff/v1/notifications/${id}/read`);
    expect(read.status, read.text).toBe(200);
    expect(read.body).toMatchObject({ id, read: true });
    expect((await call(base(), reader, 'GET', '/api/staff/v1/notifications/unread-count')).body).toEqual({
      count: 0,
    });
    expect((await call(base(), bystander, 'POST', `/api/staff/v1/notifications/${id}/read`)).status).toBe(
      404,
    );
    expect((await call(base(), reader, 'POST', '/api/staff/v1/notifications/read-all')).status).toBe(200);
    const bad = await call(base(), reader, 'PUT', '/api/staff/v1/notification-preferences', {
      kinds: { mention: 'loud' },
    });
    expect(bad.status).toBe(400);
  });
});

describe('the daily digest', () => {
  it('arrives at the SMTP server with the expected items and working links, only for people who chose it', async () => {
    const prefs = await call(base(), digestReader, 'PUT', '/api/staff/v1/notification-preferences', {
      kinds: { mention: 'digest' },
    });
    expect(prefs.status, prefs.text).toBe(200);
    expect(prefs.body).toMatchObject({ kinds: { mention: 'digest', comment: 'app' }, digestAvailable: true });
    // the bystander is mentioned too, but keeps the default (app only): no e-mail
    const postId = await mention([digestReader, bystander], 'Vergeet @Lotte en @Bram de teamdag niet');
    await eventually(
      async () => (await call(base(), digestReader, 'GET', '/api/staff/v1/notifications/unread-count')).body,
      (b) => (b as unknown as { count: number }).count === 1,
    );
    await eventually(
      async () => (await call(base(), bystander, 'GET', '/api/staff/v1/notifications/unread-count')).body,
      (b) => (b as unknown as { count: number }).count >= 1,
    );
    const sent = await runDigest();
    expect(sent).toBeGreaterThanOrEqual(1);
    const mine = await eventually(
      () => Promise.resolve(mails.filter((m) => m.to.some((t) => t.startsWith(digestReader.username)))),
      (m) => m.length === 1,
    );
    expect(mails.some((m) => m.to.some((t) => t.startsWith(bystander.username)))).toBe(false);
    expect(mails.some((m) => m.to.some((t) => t.startsWith(reader.username)))).toBe(false);
    const text = unQp(mine[0]!.raw);
    expect(text).toMatch(/Subject: Plein: 1 nieuwe melding voor je/);
    expect(text).toContain('noemde je in een bericht');
    const links = [...new Set(text.match(/http:\/\/127\.0\.0\.1:\d+\/[^\s"<]+/g) ?? [])];
    const postLink = `${base()}/berichten/${postId}`;
    expect(links).toContain(postLink);
    // the link opens the portal's page, and the post it shows is readable by the recipient
    const page = await fetch(postLink, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const post = await call(base(), digestReader, 'GET', `/api/staff/v1/posts/${postId}`);
    expect(post.status, post.text).toBe(200);
    // a second run the same day sends nothing again
    expect(await runDigest()).toBe(0);
  });
});

describe('the demo seed (deploy/seed/notifications)', () => {
  it("sets a few demo people's choices per kind, and the showcase person has notifications; a second run sets nothing", async () => {
    const { seedModeration } = await import('../services/moderation/src/live-seed.js');
    const { seedNotifications } = await import('../services/notifications/src/live-seed.js');
    const { testNatsAccess } = await import('@plein/testing');
    // ria.kok's column is published by moderation's seed: her notifications come from its events
    expect(await seedModeration(testNatsAccess('gateway'))).toMatch(
      /^(4 submissions|submissions already seeded)$/,
    );
    expect(await seedNotifications(testNatsAccess('gateway'))).toMatch(
      /^5 people's preferences; ria\.kok has [1-9]\d* notifications$/,
    );
    expect(await seedNotifications(testNatsAccess('gateway'))).toBe('preferences already seeded');
    const nats = natsClientProxy(testNatsAccess('gateway'), 'notifications-seed-check');
    try {
      const people = await demoPeople(nats, resolve(import.meta.dirname, '..'));
      const marieke = await callRpc(nats, NotificationsRpc.getPreferences, {}, people.as('marieke.bos'));
      expect(marieke.kinds).toMatchObject({ submission: 'digest', reaction: 'digest', comment: 'app' });
      const ria = await callRpc(nats, NotificationsRpc.list, { limit: 50 }, people.as('ria.kok'));
      expect(ria.items.map((n) => n.kind)).toContain('submission');
    } finally {
      nats.close();
    }
  }, 90_000);
});
