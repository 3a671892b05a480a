import { randomUUID } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import {
  IdentityRpc as R,
  type Principal,
  type UserClaims,
  UserDeactivated,
  UserProvisioned,
  UserReactivated,
  UserUpdated,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { type ServiceHarness, serviceHarness } from '@plein/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, readEvents } from '../../../e2e/support/events.js';
import { AccountStateService } from '../src/account-state.service.js';
import { startIdentity } from '../src/bootstrap.js';
import { loadIdentityConfig } from '../src/identity.config.js';

/**
 * The real identity service on the test database and NATS (no Keycloak sync: the account states it would set
 * are set through its AccountStateService), asked over NATS as the gateway asks it. Every answer is checked
 * against the rows it wrote and the events it published.
 */
let h: ServiceHarness;
let app: INestMicroservice;
let rpc: ClientProxy;
let db: pg.Client;

beforeAll(async () => {
  h = await serviceHarness({
    schema: 'identity',
    source: 'identity-test',
    user: 'identity',
    start: async ({ databaseUrl, nats }) => {
      app = await startIdentity(
        loadIdentityConfig({
          DATABASE_URL: databaseUrl,
          ...nats,
          KEYCLOAK_SYNC: 'off',
          KEYCLOAK_URL: 'http://localhost:8080',
          LOG_LEVEL: 'error',
        }),
      );
      return app;
    },
  });
  ({ rpc, db } = h);
});

afterAll(async () => {
  await h?.close();
});

const claims = (over: Partial<UserClaims> = {}): UserClaims => {
  const subject = randomUUID();
  return {
    realm: 'staff',
    subject,
    username: `medewerker.${subject.slice(0, 8)}`,
    displayName: 'Sanne de Vries',
    email: `sanne.${subject.slice(0, 8)}@plein.example`,
    roles: ['employee'],
    ...over,
  };
};

const principal = (
  userId: string,
  roles: Principal['roles'],
  realm: Principal['realm'] = 'staff',
): Principal => ({
  realm,
  intranet: realm === 'staff' ? 'staff' : 'client',
  userId,
  subject: userId,
  username: 'beheerder',
  displayName: 'Beheerder',
  roles,
  groupIds: [],
});

/** Another service asking on behalf of its caller (timelines, meeting an id it has not learnt of). */
const asker = principal(randomUUID(), ['employee']);

async function row(subject: string) {
  const { rows } = await db.query<{
    id: string;
    username: string;
    display_name: string;
    email: string | null;
    roles: string[];
    account_state: string;
  }>(
    `select id, username, display_name, email, roles, account_state from identity.users where subject = $1`,
    [subject],
  );
  return rows[0];
}

/** The events identity recorded about one user, oldest first, and whether the relay published each. */
async function outbox(userId: string) {
  const { rows } = await db.query<{
    id: string;
    type: string;
    data: Record<string, unknown>;
    published: boolean;
  }>(
    `select id, type, envelope->'data' as data, published_at is not null as published from identity.outbox
     where envelope->'data'->>'userId' = $1 order by seq`,
    [userId],
  );
  return rows;
}

describe('identity.user.ensure (just in time, from the gateway)', () => {
  it('mirrors a new person once, with their realm roles only, and publishes one provisioned event', async () => {
    const c = claims({ roles: ['employee', 'mentor', 'employee'] });
    const first = await callRpc(rpc, R.ensureUser, c);
    const again = await callRpc(rpc, R.ensureUser, c);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ realm: 'staff', username: c.username, displayName: 'Sanne de Vries' });
    expect(first.roles).toEqual(['employee', 'mentor']);
    expect(await row(c.subject)).toMatchObject({
      id: first.id,
      username: c.username,
      display_name: 'Sanne de Vries',
      email: c.email,
      roles: ['employee', 'mentor'],
      account_state: 'active',
    });
    const recorded = await eventually(
      () => outbox(first.id),
      (rows) => rows.length === 1 && rows[0]!.published,
    );
    expect(recorded[0]).toMatchObject({
      type: UserProvisioned.type,
      data: { userId: first.id, realm: 'staff', subject: c.subject, username: c.username, email: c.email },
    });
    const onStream = await eventually(
      async () => (await readEvents(UserProvisioned.type)).filter((e) => e.envelope.id === recorded[0]!.id),
      (events) => events.length === 1,
    );
    expect(onStream[0]!.msgId).toBe(recorded[0]!.id);
  });

  it('two first requests at the same moment give one person and one event', async () => {
    const c = claims();
    const [a, b] = await Promise.all([callRpc(rpc, R.ensureUser, c), callRpc(rpc, R.ensureUser, c)]);
    expect(a.id).toBe(b.id);
    expect((await outbox(a.id)).map((e) => e.type)).toEqual([UserProvisioned.type]);
  });

  it('follows a changed name, e-mail and roles with one updated event carrying the whole state', async () => {
    const c = claims();
    const user = await callRpc(rpc, R.ensureUser, c);
    const changed = {
      ...c,
      displayName: 'Sanne Jansen',
      email: undefined,
      roles: ['employee', 'editor'] as const,
    };
    const { email: _dropped, ...withoutEmail } = changed;
    const updated = await callRpc(rpc, R.ensureUser, { ...withoutEmail, roles: [...changed.roles] });
    expect(updated).toMatchObject({
      id: user.id,
      displayName: 'Sanne Jansen',
      roles: ['editor', 'employee'],
    });
    expect(await row(c.subject)).toMatchObject({ display_name: 'Sanne Jansen', email: null });
    // the same claims again change nothing
    await callRpc(rpc, R.ensureUser, { ...withoutEmail, roles: [...changed.roles] });
    const events = await outbox(user.id);
    expect(events.map((e) => e.type)).toEqual([UserProvisioned.type, UserUpdated.type]);
    expect(events[1]!.data).toEqual({
      userId: user.id,
      realm: 'staff',
      subject: c.subject,
      username: c.username,
      displayName: 'Sanne Jansen',
      roles: ['editor', 'employee'],
    });
  });

  it('refuses claims that break the contract with a 400 and writes nothing', async () => {
    const c = claims();
    await expect(callRpc(rpc, R.ensureUser, { ...c, subject: '' })).rejects.toMatchObject({ status: 400 });
    await expect(
      callRpc(rpc, R.ensureUser, { ...c, roles: ['superuser'] } as unknown as UserClaims),
    ).rejects.toMatchObject({ status: 400 });
    expect(await row(c.subject)).toBeUndefined();
  });
});

describe('account state (as the Keycloak sync sets it)', () => {
  it('a disabled account is refused (403) and not changed by its token; reactivated it is served again', async () => {
    const accounts = app.get(AccountStateService);
    const c = claims({ displayName: 'Bram Bakker' });
    const user = await callRpc(rpc, R.ensureUser, c);

    expect(await accounts.set('staff', c.subject, 'disabled')).toBe(true);
    expect(await accounts.set('staff', c.subject, 'disabled')).toBe(false);
    await expect(callRpc(rpc, R.ensureUser, { ...c, displayName: 'Bram de Nieuwe' })).rejects.toMatchObject({
      status: 403,
      code: 'account_inactive',
    });
    expect(await row(c.subject)).toMatchObject({ display_name: 'Bram Bakker', account_state: 'disabled' });
    expect(await callRpc(rpc, R.getUser, { userId: user.id }, asker)).toMatchObject({
      id: user.id,
      accountState: 'disabled',
    });

    expect(await accounts.set('staff', c.subject, 'active')).toBe(true);
    expect((await callRpc(rpc, R.ensureUser, c)).id).toBe(user.id);
    const events = await eventually(
      () => outbox(user.id),
      (rows) => rows.length === 3 && rows.every((r) => r.published),
    );
    expect(events.map((e) => [e.type, e.data])).toEqual([
      [UserProvisioned.type, expect.objectContaining({ userId: user.id })],
      [UserDeactivated.type, { userId: user.id, realm: 'staff', reason: 'disabled' }],
      [UserReactivated.type, { userId: user.id, realm: 'staff' }],
    ]);
  });
});

describe('identity.me.get and identity.user.get', () => {
  it("answers the caller with their token's roles, and 404 for an id it does not know", async () => {
    const c = claims();
    const user = await callRpc(rpc, R.ensureUser, c);
    const me = await callRpc(rpc, R.me, {}, principal(user.id, ['employee', 'moderator']));
    expect(me).toEqual({ ...user, roles: ['employee', 'moderator'] });
    await expect(callRpc(rpc, R.me, {}, principal(randomUUID(), ['employee']))).rejects.toMatchObject({
      status: 404,
    });
    await expect(callRpc(rpc, R.me, {})).rejects.toMatchObject({ status: 401 });
    expect(await callRpc(rpc, R.getUser, { userId: user.id }, asker)).toEqual({
      ...user,
      accountState: 'active',
    });
    await expect(callRpc(rpc, R.getUser, { userId: randomUUID() }, asker)).rejects.toMatchObject({
      status: 404,
    });
    await expect(callRpc(rpc, R.getUser, { userId: 'niet-een-id' }, asker)).rejects.toMatchObject({
      status: 400,
    });
  });
});

describe('identity.user.list (administration)', () => {
  it('pages every user A–Z by username without gaps or repeats; admins only; a forged cursor is a 400', async () => {
    const tag = randomUUID().slice(0, 6);
    const made = [];
    for (const name of ['zeynep', 'anouk', 'mohamed', 'lotte', 'daan'])
      made.push(await callRpc(rpc, R.ensureUser, claims({ username: `${tag}.${name}` })));
    const client = await callRpc(
      rpc,
      R.ensureUser,
      claims({ realm: 'clients', username: `${tag}.client`, roles: ['client'] }),
    );
    const admin = principal(made[0]!.id, ['employee', 'admin']);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await callRpc(
        rpc,
        R.listUsers,
        { realm: 'staff', limit: 2, ...(cursor ? { cursor } : {}) },
        admin,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.items.every((u) => u.realm === 'staff')).toBe(true);
      seen.push(...page.items.map((u) => u.username));
      cursor = page.nextCursor;
    } while (cursor);
    const ours = seen.filter((u) => u.startsWith(`${tag}.`));
    expect(ours).toEqual([...made.map((u) => u.username)].sort());
    const first = await callRpc(rpc, R.listUsers, { realm: 'staff', limit: 200 }, admin);
    expect(first.items.filter((u) => u.username.startsWith(`${tag}.`)).map((u) => u.accountState)).toEqual(
      made.map(() => 'active'),
    );
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    expect(seen).not.toContain(client.username);

    await expect(
      callRpc(rpc, R.listUsers, { limit: 2 }, principal(made[1]!.id, ['employee'])),
    ).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      callRpc(rpc, R.listUsers, { limit: 2 }, principal(client.id, ['admin'], 'clients')),
    ).rejects.toMatchObject({ status: 403 });
    await expect(callRpc(rpc, R.listUsers, { cursor: 'vervalst', limit: 2 }, admin)).rejects.toMatchObject({
      status: 400,
      message: 'The cursor is not one this list gave out',
    });
  });
});
