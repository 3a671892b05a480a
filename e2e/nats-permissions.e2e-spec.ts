import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection, connect } from '@nats-io/transport-node';
import {
  type EventEnvelope,
  IdentityRpc,
  PostCreated,
  type Principal,
  STREAM_NAME,
  TimelinesRpc,
  UserProvisioned,
  exportForSearch,
} from '@plein/contracts';
import { type NatsAccess, callRpc, connectNats, ensureStream } from '@plein/messaging';
import { type TestNatsUser, natsPassword, testNatsAccess, testRpcClient } from '@plein/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, readEvents } from './support/events.js';
import { type RunningSystem, startSystem } from './support/system.js';

/**
 * NATS trusts only who it should (deploy/nats): every connection authenticates as one app, only the gateway
 * sends the principal-carrying RPCs, the export and ensure RPCs are open only to their callers, and a service
 * publishes only its own events. First against a nats-server started here with the production configuration
 * (deploy/nats/nats-server.conf), with each app's own credentials; then against the test NATS (the same
 * permissions.conf) with the real services answering.
 */

const ROOT = resolve(import.meta.dirname, '..');

function natsServerBinary(): string {
  const candidates = [
    process.env['NATS_SERVER_BIN'],
    '/usr/sbin/nats-server',
    ...(process.env['PATH'] ?? '').split(':').map((d) => join(d, 'nats-server')),
  ].filter((c): c is string => Boolean(c));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // next
    }
  }
  throw new Error('nats-server not found (./plein test installs it; or set NATS_SERVER_BIN)');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function waitForPort(port: number, until = Date.now() + 10_000): Promise<void> {
  for (;;) {
    const open = await new Promise<boolean>((r) => {
      const s = tcpConnect(port, '127.0.0.1', () => {
        s.end();
        r(true);
      }).on('error', () => r(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`nats-server did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resolves to the error a refused operation fails with (its message or its cause names the violation). */
async function refusal(operation: Promise<unknown>): Promise<string> {
  try {
    await operation;
  } catch (err) {
    const e = err as Error & { cause?: unknown };
    return `${e.name}: ${e.message} ${e.cause instanceof Error ? `${e.cause.name}: ${e.cause.message}` : ''}`;
  }
  throw new Error('the operation was allowed');
}

const APPS = [
  'gateway',
  'identity',
  'directory',
  'timelines',
  'search',
  'knowledge',
  'moderation',
  'activities',
  'notifications',
  'documents',
] as const;

describe('the production NATS configuration (deploy/nats/nats-server.conf)', () => {
  let server: ChildProcess;
  let store: string;
  let url: string;
  const open: NatsConnection[] = [];
  const access = (user: TestNatsUser): NatsAccess => ({
    NATS_URL: url,
    NATS_USER: user,
    NATS_PASSWORD: natsPassword(user),
  });
  const as = async (user: TestNatsUser): Promise<NatsConnection> => {
    const nc = await connectNats(access(user), `permissions-test-${user}`);
    open.push(nc);
    return nc;
  };
  /** A stand-in responder, connected as `user` in its queue group, that answers every request with `ok`. */
  const respond = async (user: TestNatsUser, subject: string): Promise<void> => {
    const nc = await as(user);
    nc.subscribe(subject, {
      queue: user,
      callback: (_err, msg) => {
        msg.respond(JSON.stringify({ ok: user }));
      },
    });
    await nc.flush();
  };

  beforeAll(async () => {
    const port = await freePort();
    store = mkdtempSync(join(tmpdir(), 'plein-nats-permissions-'));
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const app of APPS) env[`NATS_${app.toUpperCase()}_PASSWORD`] = natsPassword(app);
    server = spawn(
      natsServerBinary(),
      [
        '-c',
        join(ROOT, 'deploy/nats/nats-server.conf'),
        '-a',
        '127.0.0.1',
        '-p',
        String(port),
        '-js',
        '-sd',
        store,
      ],
      { env, stdio: 'ignore' },
    );
    url = `nats://127.0.0.1:${port}`;
    await waitForPort(port);
  });

  afterAll(async () => {
    for (const nc of open) await nc.close().catch(() => undefined);
    server?.kill();
    if (server) await new Promise((r) => server.once('exit', r));
    if (store) rmSync(store, { recursive: true, force: true });
  });

  it('refuses an anonymous client, a wrong password and the test-only user', async () => {
    expect(await refusal(connect({ servers: url, reconnect: false }))).toMatch(/authorization violation/i);
    expect(
      await refusal(connect({ servers: url, user: 'identity', pass: 'not-the-password', reconnect: false })),
    ).toMatch(/authorization violation/i);
    // plein-test exists in nats-test.conf only
    expect(
      await refusal(
        connect({ servers: url, user: 'plein-test', pass: natsPassword('plein-test'), reconnect: false }),
      ),
    ).toMatch(/authorization violation/i);
    for (const app of APPS) expect((await as(app)).isClosed()).toBe(false);
  });

  it('lets the gateway send user-facing RPCs, and no service', async () => {
    await respond('timelines', TimelinesRpc.createPost.pattern);
    const gateway = await as('gateway');
    const answer = await gateway.request(TimelinesRpc.createPost.pattern, '{}', { timeout: 2000 });
    expect(answer.json()).toEqual({ ok: 'timelines' });

    for (const app of ['identity', 'directory', 'search'] as const) {
      const nc = await as(app);
      expect(await refusal(nc.request(TimelinesRpc.createPost.pattern, '{}', { timeout: 2000 }))).toMatch(
        /permissions violation.*publish.*timelines\.post\.create/i,
      );
    }
    // nor may a service call identity's just-in-time provisioning, which trusts the claims it is given
    await respond('identity', IdentityRpc.ensureUser.pattern);
    expect(
      await refusal((await as('timelines')).request(IdentityRpc.ensureUser.pattern, '{}', { timeout: 2000 })),
    ).toMatch(/permissions violation/i);
    expect((await gateway.request(IdentityRpc.ensureUser.pattern, '{}', { timeout: 2000 })).json()).toEqual({
      ok: 'identity',
    });
  });

  it('opens the export and service-to-service RPCs to their real callers only', async () => {
    await respond('directory', exportForSearch('directory').pattern);
    await respond('timelines', 'timelines.reader.relations');
    await respond('identity', IdentityRpc.getUser.pattern);

    const search = await as('search');
    expect((await search.request('directory.search.export', '{}', { timeout: 2000 })).json()).toEqual({
      ok: 'directory',
    });
    expect((await search.request('timelines.reader.relations', '{}', { timeout: 2000 })).json()).toEqual({
      ok: 'timelines',
    });
    const timelines = await as('timelines');
    expect((await timelines.request('identity.user.get', '{}', { timeout: 2000 })).json()).toEqual({
      ok: 'identity',
    });

    const refused: [TestNatsUser, string][] = [
      ['identity', 'directory.search.export'],
      ['timelines', 'directory.search.export'],
      ['gateway', 'directory.search.export'],
      ['gateway', 'timelines.reader.relations'],
      ['directory', 'timelines.reader.relations'],
      ['gateway', 'identity.user.get'],
      ['search', 'identity.user.get'],
    ];
    for (const [user, subject] of refused) {
      expect(
        await refusal((await as(user)).request(subject, '{}', { timeout: 2000 })),
        `${user} → ${subject}`,
      ).toMatch(/permissions violation/i);
    }
  });

  it('lets a service publish its own events into PLEIN and refuses another service’s', async () => {
    const identity = await as('identity');
    await ensureStream(identity); // a service may create the stream when it is missing
    const js = jetstream(identity);
    const own = await js.publish(UserProvisioned.type, JSON.stringify({ probe: true }));
    expect(own.stream).toBe(STREAM_NAME);

    expect(
      await refusal(js.publish(PostCreated.type, JSON.stringify({ forged: true }), { timeout: 2000 })),
    ).toMatch(/permissions violation/i);
    const info = await (
      await jetstreamManager(identity)
    ).streams.info(STREAM_NAME, { subjects_filter: 'plein.>' });
    expect(info.state.subjects).toEqual({ [UserProvisioned.type]: 1 });
  });

  it('lets no app listen on another’s subjects, replies or events', async () => {
    const identity = await as('identity');
    const attempts: [string, string | undefined][] = [
      ['timelines.>', 'timelines'], // another service's requests, in its queue group
      ['timelines.post.create', undefined],
      ['_INBOX.>', undefined], // everyone's replies under the default prefix
      ['_INBOX_gateway.>', undefined], // the gateway's answers
      ['plein.>', undefined], // the stream's events as they are stored
    ];
    for (const [subject, queue] of attempts) {
      const sub = identity.subscribe(subject, queue ? { queue } : {});
      const closed = await Promise.race([
        sub.closed,
        new Promise((r) => setTimeout(() => r('still open'), 2000)),
      ]);
      expect(String(closed), subject).toMatch(/permissions violation/i);
    }
    // nor may the gateway join a service's queue group and take its requests
    const gateway = await as('gateway');
    const sub = gateway.subscribe('timelines.post.create', { queue: 'timelines' });
    expect(String(await sub.closed)).toMatch(/permissions violation/i);
  });

  it('lets a service manage only its own durable consumers, each on the events it reads', async () => {
    const directory = await as('directory');
    await ensureStream(directory);
    const jsm = await jetstreamManager(directory);
    // directory-profiles reads identity's provisioned events (services/directory/src/directory.module.ts)
    await jsm.consumers.add(STREAM_NAME, {
      durable_name: 'directory-profiles',
      filter_subject: UserProvisioned.type,
    });
    // the same name with a wider filter, or another service's consumer, is refused
    expect(
      await refusal(
        jsm.consumers.add(STREAM_NAME, { durable_name: 'directory-profiles', filter_subject: 'plein.>' }),
      ),
    ).toMatch(/permissions violation/i);
    expect(
      await refusal(
        jsm.consumers.add(STREAM_NAME, {
          durable_name: 'timelines-users',
          filter_subject: UserProvisioned.type,
        }),
      ),
    ).toMatch(/permissions violation/i);
    expect(await refusal(jsm.streams.delete(STREAM_NAME))).toMatch(/permissions violation/i);
  });
});

describe('the running services on the test NATS, each with its own credentials', () => {
  let system: RunningSystem;
  const principal = (user: { id: string; username: string; displayName: string }): Principal => ({
    realm: 'staff',
    intranet: 'staff',
    userId: user.id,
    subject: `permissions-${user.username}`,
    username: user.username,
    displayName: user.displayName,
    roles: ['employee'],
    groupIds: [],
  });

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(async () => {
    await system?.close();
  });

  it('the gateway’s user creates a post through timelines; a service’s user cannot, nor forge its event', async () => {
    const gateway = testRpcClient('gateway');
    const identity = testRpcClient('identity');
    try {
      const subject = `permissions-${Date.now()}`;
      const user = await callRpc(gateway, IdentityRpc.ensureUser, {
        realm: 'staff',
        subject,
        username: `test.${subject}`,
        displayName: 'Paula Rechten',
        roles: ['employee'],
      });
      const post = await callRpc(
        gateway,
        TimelinesRpc.createPost,
        { body: 'Alleen via de gateway.', audience: 'organization' },
        principal(user),
      );
      expect(post).toMatchObject({ body: 'Alleen via de gateway.', author: { id: user.id } });

      // identity's credentials: the request never reaches timelines (Nest's client gives up: 503)
      await expect(
        callRpc(
          identity,
          TimelinesRpc.createPost,
          { body: 'Vervalst.', audience: 'organization' },
          principal(user),
          1500,
        ),
      ).rejects.toMatchObject({ status: 503 });

      const nc = await connectNats(testNatsAccess('identity'), 'permissions-forger');
      try {
        const forged: EventEnvelope = {
          id: crypto.randomUUID(),
          type: PostCreated.type,
          occurredAt: new Date().toISOString(),
          source: 'identity',
          version: 1,
          data: { postId: post.id },
        };
        expect(
          await refusal(jetstream(nc).publish(PostCreated.type, JSON.stringify(forged), { timeout: 2000 })),
        ).toMatch(/permissions violation/i);
      } finally {
        await nc.close();
      }
      // timelines' own event for the post is there (its outbox relay, as NATS user timelines); nothing forged
      const events = await eventually(
        () => readEvents(PostCreated.type),
        (all) => all.some((e) => (e.envelope.data as { postId?: string }).postId === post.id),
      );
      expect(events.filter((e) => e.envelope.source !== 'timelines')).toEqual([]);
    } finally {
      await gateway.close();
      await identity.close();
    }
  });

  it('search’s user reads timelines’ export; another service’s user is refused', async () => {
    const search = testRpcClient('search');
    const identity = testRpcClient('identity');
    try {
      const page = await callRpc(search, exportForSearch('timelines'), { limit: 1000 });
      expect(page.items.some((i) => i.event === PostCreated.type)).toBe(true);
      await expect(
        callRpc(identity, exportForSearch('timelines'), { limit: 10 }, undefined, 1500),
      ).rejects.toMatchObject({ status: 503 });
    } finally {
      await search.close();
      await identity.close();
    }
  });
});
