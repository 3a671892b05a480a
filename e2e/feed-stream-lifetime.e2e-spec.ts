import { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '@plein/config';
import type { Realm } from '@plein/contracts';
import { fetchToken, testEnv } from '@plein/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStateService } from '../services/identity/src/account-state.service.js';
import { KeycloakAdminClient } from '../services/identity/src/keycloak-admin.client.js';
import { KeycloakSync } from '../services/identity/src/keycloak-sync.service.js';
import { UserProvisioningService } from '../services/identity/src/user-provisioning.service.js';
import { type Person, call, database, person, untilKnown } from './support/api.js';
import { eventually } from './support/events.js';
import {
  SYNC_CLIENT,
  type TestPerson,
  createKeycloakUser,
  deleteKeycloakUser,
  keycloakAdmin,
} from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

/**
 * A live stream (`GET /feed/stream`) lives no longer than its right to exist: it ends when the token it was
 * opened with expires (the realm's test client `plein-tests-short` gives 1 s tokens) and when the account is
 * deactivated (disabled in Keycloak, seen by identity's sync, `plein.identity.user.deactivated`). After that it
 * delivers nothing, while a stream of someone else, open all along, shows the same post arrived.
 */
let system: RunningSystem;
let db: pg.Client;
let orm: MikroORM;
let employee: Person;
let watcher: Person;
let leaving: TestPerson;
let watching: TestPerson;
const base = () => system.url;

beforeAll(async () => {
  system = await startSystem();
  db = await database();
  orm = system.identity.get(MikroORM);
  employee = await person(base(), 'staff', 'staff.employee');
  // fresh people: demo users such as client.other must stay unprovisioned for the first-login tests
  watching = await createKeycloakUser('clients', 'Wouter', `Stroom${Date.now().toString(36)}`);
  watcher = await person(base(), 'clients', watching.username);
  leaving = await createKeycloakUser('clients', 'Anouk', `Stroom${Date.now().toString(36)}`);
  await untilKnown(db, [employee.id, watcher.id]);
}, 60_000);

afterAll(async () => {
  for (const p of [leaving, watching]) if (p) await deleteKeycloakUser(p);
  await db?.end();
  await system?.close();
});

interface SseEvent {
  event: string;
  data: { id?: string; reason?: string };
}
interface Sse {
  events: SseEvent[];
  /** Resolves when the server ended the response. */
  ended: Promise<void>;
  isEnded: () => boolean;
  close: () => void;
}

function readSse(res: Response): Sse {
  const events: SseEvent[] = [];
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body!.getReader();
  let buffer = '';
  let done = false;
  const ended = (async () => {
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
          if (event && data) events.push({ event, data: JSON.parse(data) as SseEvent['data'] });
        }
      }
    } catch {
      // cancelled by the test
    } finally {
      done = true;
    }
  })();
  return { events, ended, isEnded: () => done, close: () => void reader.cancel().catch(() => undefined) };
}

const openStream = (token: string) =>
  fetch(`${base()}/api/client/v1/feed/stream?feed=organization`, {
    headers: { authorization: `Bearer ${token}` },
  });

const postToClients = async (body: string): Promise<string> => {
  const res = await call(base(), employee, 'POST', '/api/client/v1/posts', {
    body,
    audience: 'organization',
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
};

const postIds = (s: Sse) => s.events.filter((e) => e.event === 'post').map((e) => e.data.id);

describe('a live stream ends with its token', () => {
  it('opened with a 1 s token: ends with event "end" (token-expired), and a post after that never arrives', async () => {
    const control = readSse(await openStream(watcher.token));
    // The user is known to identity first, so the short token is spent on the stream, not on provisioning.
    await person(base(), 'clients', 'client.member');
    let res: Response | undefined;
    // A token of "1 s" lives between 0 and 1 s (Keycloak counts whole seconds): try again when it was spent.
    for (let i = 0; i < 10 && res?.status !== 200; i++) {
      res = await openStream(
        await fetchToken('clients', 'client.member', { client: 'plein-tests-short', fresh: true }),
      );
    }
    expect(res?.status).toBe(200);
    const short = readSse(res!);
    try {
      await Promise.race([short.ended, new Promise((r) => setTimeout(r, 5_000))]);
      expect(short.isEnded()).toBe(true);
      expect(short.events.at(-1)).toEqual({ event: 'end', data: { reason: 'token-expired' } });

      const id = await postToClients('Na het verlopen van je sessie: de inloop is open');
      // the post was published and reached a stream whose token is valid ...
      await eventually(
        () => Promise.resolve(postIds(control)),
        (ids) => ids.includes(id),
      );
      // ... and not the expired one
      expect(postIds(short)).not.toContain(id);
      expect(short.events.map((e) => e.event)).toEqual(['end']);
    } finally {
      short.close();
      control.close();
    }
  });

  it('a stream opened with an expired token is refused (401)', async () => {
    const token = await fetchToken('clients', 'client.member', { client: 'plein-tests-short', fresh: true });
    await new Promise((r) => setTimeout(r, 2_100));
    const res = await openStream(token);
    expect(res.status).toBe(401);
  });
});

describe('a live stream ends with its account', () => {
  it('disabled in Keycloak and seen by identity: the stream ends (account-deactivated), its token is refused', async () => {
    const anouk = await person(base(), 'clients', leaving.username);
    const control = readSse(await openStream(watcher.token));
    const res = await openStream(anouk.token);
    expect(res.status).toBe(200);
    const stream = readSse(res);
    try {
      // live: a post reaches it
      const before = await postToClients('Voor iedereen: soep om twaalf uur');
      await eventually(
        () => Promise.resolve(postIds(stream)),
        (ids) => ids.includes(before),
      );

      const disabled = await keycloakAdmin('clients', `/users/${leaving.subject}`, {
        method: 'PUT',
        body: JSON.stringify({ enabled: false }),
      });
      expect(disabled.status).toBe(204);
      const reports = await syncOnly(leaving).runOnce();
      expect(reports.map((r) => [r.realm, r.deactivated])).toEqual([['clients', 1]]);

      // identity's relay publishes the deactivation; the gateway ends the stream
      await Promise.race([stream.ended, new Promise((r) => setTimeout(r, 10_000))]);
      expect(stream.isEnded()).toBe(true);
      expect(stream.events.at(-1)).toEqual({ event: 'end', data: { reason: 'account-deactivated' } });

      const after = await postToClients('Voor iedereen: de bus vertrekt om drie uur');
      await eventually(
        () => Promise.resolve(postIds(control)),
        (ids) => ids.includes(after),
      );
      expect(postIds(stream)).toEqual([before]);

      // the token is still valid for Keycloak's clock, but no longer for Plein
      const again = await openStream(anouk.token);
      expect(again.status).toBe(403);
      expect(((await again.json()) as { code: string }).code).toBe('account_inactive');
    } finally {
      stream.close();
      control.close();
    }
  });
});

/** identity's Keycloak sync against the real Keycloak, scoped to one person (the rest of the run shares the database). */
function syncOnly(p: TestPerson): KeycloakSync {
  const keycloak = new KeycloakAdminClient({
    baseUrl: testEnv().keycloakUrl,
    clientId: SYNC_CLIENT.id,
    clientSecret: SYNC_CLIENT.secret,
  });
  return new KeycloakSync(
    {
      async *users(realm: Realm) {
        for await (const u of keycloak.users(realm)) if (u.subject === p.subject) yield u;
      },
      exists: (realm, id) => keycloak.exists(realm, id),
    },
    {
      ensure: (claims) => new UserProvisioningService(orm.em.fork()).ensure(claims),
      known: async (realm) =>
        (await new AccountStateService(orm.em.fork()).known(realm)).filter((k) => k.subject === p.subject),
      setState: (realm, subject, state) => new AccountStateService(orm.em.fork()).set(realm, subject, state),
    },
    [p.realm],
    60_000,
    createLogger('stream-account-test', 'silent'),
  );
}
