import { randomUUID } from 'node:crypto';
import type { ClientProxy } from '@nestjs/microservices';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  type EventEnvelope,
  type Principal,
  TimelinesRpc as R,
  UserDeactivated,
  UserProvisioned,
  UserReactivated,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TimelinesHarness, timelinesHarness } from './harness.js';

/**
 * Identity's account-state events, published straight onto JetStream in the orders two durable consumers can
 * see them in (late, early, twice), against the real timelines service: a deactivated person cannot be newly
 * followed or mentioned; what they wrote and who already follows them stay.
 */
let h: TimelinesHarness;
let nc: NatsConnection;
let rpc: ClientProxy;
let db: pg.Client;

beforeAll(async () => {
  h = await timelinesHarness('identity');
  ({ nc, rpc, db } = h);
});

afterAll(async () => {
  await h?.close();
});

const T0 = Date.parse('2026-12-20T09:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

const publish = (contract: { type: string }, data: unknown, occurredAt: string) =>
  h.publish(contract, data, occurredAt);
const handled = (envelopes: EventEnvelope[]) => h.handled(envelopes);

const staff = (userId: string, name = 'Medewerker'): Principal => ({
  realm: 'staff',
  intranet: 'staff',
  userId,
  subject: userId,
  username: `medewerker.${userId.slice(0, 8)}`,
  displayName: name,
  roles: ['employee'],
  groupIds: [],
});

async function provisioned(userId: string, displayName: string): Promise<EventEnvelope> {
  return publish(
    UserProvisioned,
    { userId, realm: 'staff', subject: userId, username: `u.${userId.slice(0, 8)}`, displayName },
    at(0),
  );
}

async function active(userId: string): Promise<boolean | undefined> {
  const { rows } = await db.query<{ active: boolean }>('select active from timelines.users where id = $1', [
    userId,
  ]);
  return rows[0]?.active;
}

async function follows(followerId: string): Promise<string[]> {
  const { rows } = await db.query<{ followee_id: string }>(
    'select followee_id from timelines.follows where follower_id = $1 order by followee_id',
    [followerId],
  );
  return rows.map((r) => r.followee_id);
}

/** What a refused post could have half-written, for one author. */
async function writtenBy(authorId: string): Promise<{ posts: number; outbox: number }> {
  const posts = await db.query<{ n: number }>(
    'select count(*)::int as n from timelines.posts where author_id = $1',
    [authorId],
  );
  const outbox = await db.query<{ n: number }>(
    `select count(*)::int as n from timelines.outbox
     where envelope->'data'->>'authorId' = $1 or envelope->'data'->>'byUserId' = $1`,
    [authorId],
  );
  return { posts: posts.rows[0]!.n, outbox: outbox.rows[0]!.n };
}

describe('account state from identity', () => {
  it('a deactivated person cannot be followed, mentioned or named; their posts and follows stay; reactivated they can again', async () => {
    const [anna, bram, carla] = [randomUUID(), randomUUID(), randomUUID()];
    await handled([
      await provisioned(anna, 'Anna de Vries'),
      await provisioned(bram, 'Bram Jansen'),
      await provisioned(carla, 'Carla Smit'),
    ]);
    // before: Carla follows Bram, and Bram wrote a post
    await callRpc(rpc, R.follow, { userId: bram }, staff(carla));
    const bramsPost = await callRpc(
      rpc,
      R.createPost,
      { body: 'Vandaag de nieuwe planning.', audience: 'organization' },
      staff(bram, 'Bram Jansen'),
    );

    await handled([
      await publish(UserDeactivated, { userId: bram, realm: 'staff', reason: 'disabled' }, at(10)),
    ]);
    expect(await active(bram)).toBe(false);

    const before = await writtenBy(anna);
    await expect(callRpc(rpc, R.follow, { userId: bram }, staff(anna))).rejects.toMatchObject({
      status: 422,
      code: 'person_inactive',
      details: { userIds: [bram] },
    });
    expect(await follows(anna)).toEqual([]);
    await expect(
      callRpc(
        rpc,
        R.createPost,
        { body: 'Wie weet dit? @Bram', audience: 'organization', mentions: [carla, bram] },
        staff(anna),
      ),
    ).rejects.toMatchObject({ status: 422, code: 'person_inactive', details: { userIds: [bram] } });
    await expect(
      callRpc(
        rpc,
        R.createPost,
        { body: 'Alleen voor jou', audience: 'private', namedUserIds: [bram] },
        staff(anna),
      ),
    ).rejects.toMatchObject({ status: 422, code: 'person_inactive' });
    expect(await writtenBy(anna)).toEqual(before);

    // nor invited to a group by its admin
    const group = await callRpc(rpc, R.createGroup, { name: 'Werkgroep Tuin', kind: 'closed' }, staff(anna));
    await expect(
      callRpc(rpc, R.addMember, { groupId: group.id, userId: bram }, staff(anna)),
    ).rejects.toMatchObject({ status: 422, code: 'person_inactive', details: { userIds: [bram] } });
    const invited = await db.query(
      'select 1 from timelines.group_members where group_id = $1 and user_id = $2',
      [group.id, bram],
    );
    expect(invited.rowCount).toBe(0);

    // a mention of someone who cannot see the post is still refused as before
    const dana = randomUUID();
    await handled([await provisioned(dana, 'Dana Bakker')]);
    await expect(
      callRpc(
        rpc,
        R.createPost,
        { body: 'Privé, @Dana', audience: 'private', namedUserIds: [carla], mentions: [dana] },
        staff(anna),
      ),
    ).rejects.toMatchObject({ status: 400, code: 'mention_not_allowed' });

    // the existing follow and Bram's post stay, under his name
    expect(await follows(carla)).toEqual([bram]);
    const read = await callRpc(rpc, R.getPost, { id: bramsPost.id }, staff(anna));
    expect(read).toMatchObject({ id: bramsPost.id, author: { id: bram, displayName: 'Bram Jansen' } });

    // reactivated (newer): followable and mentionable again
    await handled([await publish(UserReactivated, { userId: bram, realm: 'staff' }, at(20))]);
    expect(await active(bram)).toBe(true);
    await callRpc(rpc, R.follow, { userId: bram }, staff(anna));
    expect(await follows(anna)).toEqual([bram]);
    const post = await callRpc(
      rpc,
      R.createPost,
      { body: 'Welkom terug @Bram', audience: 'organization', mentions: [bram] },
      staff(anna),
    );
    const { rows } = await db.query<{ mention_ids: string[] }>(
      'select mention_ids::text[] as mention_ids from timelines.posts where id = $1',
      [post.id],
    );
    expect(rows[0]!.mention_ids).toEqual([bram]);
  });

  it('the newest event wins whatever order the two consumers see them in, and a redelivery changes nothing', async () => {
    const [eva, frits, gijs] = [randomUUID(), randomUUID(), randomUUID()];
    await handled([await provisioned(eva, 'Eva Mulder'), await provisioned(frits, 'Frits de Boer')]);

    // Eva: deactivated (5) arrives before an older reactivation (3) → stays inactive
    await handled([
      await publish(UserDeactivated, { userId: eva, realm: 'staff', reason: 'removed' }, at(5)),
      await publish(UserReactivated, { userId: eva, realm: 'staff' }, at(3)),
    ]);
    expect(await active(eva)).toBe(false);

    // Frits: the reactivation (8) arrives before the older deactivation (6) → stays active
    const fritsReactivated = await publish(UserReactivated, { userId: frits, realm: 'staff' }, at(8));
    await handled([fritsReactivated]);
    const late = await publish(UserDeactivated, { userId: frits, realm: 'staff', reason: 'disabled' }, at(6));
    await handled([late]);
    expect(await active(frits)).toBe(true);
    await callRpc(rpc, R.follow, { userId: frits }, staff(eva));
    expect(await follows(eva)).toEqual([frits]);

    // Gijs: deactivated before timelines knows him; when he is provisioned he arrives inactive
    await handled([
      await publish(UserDeactivated, { userId: gijs, realm: 'staff', reason: 'disabled' }, at(4)),
    ]);
    expect(await active(gijs)).toBeUndefined();
    await handled([await provisioned(gijs, 'Gijs Visser')]);
    expect(await active(gijs)).toBe(false);
    await expect(callRpc(rpc, R.follow, { userId: gijs }, staff(frits))).rejects.toMatchObject({
      status: 422,
      code: 'person_inactive',
    });

    // JetStream redelivers Frits's reactivation after a newer deactivation (another message id gets past the
    // stream's dedup): the inbox knows it, so it is handled once and Frits stays deactivated
    const newer = await publish(
      UserDeactivated,
      { userId: frits, realm: 'staff', reason: 'disabled' },
      at(30),
    );
    await handled([newer]);
    await jetstream(nc).publish(fritsReactivated.type, JSON.stringify(fritsReactivated), {
      msgID: `${fritsReactivated.id}-again`,
    });
    // a later message on the same durable: once it is handled, the redelivery before it was too
    const barrier = await publish(UserReactivated, { userId: eva, realm: 'staff' }, at(2));
    await handled([barrier]);
    const { rows } = await db.query<{ n: number }>(
      'select count(*)::int as n from timelines.inbox where event_id = $1',
      [fritsReactivated.id],
    );
    expect(rows[0]!.n).toBe(1);
    expect(await active(frits)).toBe(false);
    expect(await active(eva)).toBe(false);
    const state = await db.query<{ active: boolean; changed_at: Date }>(
      'select active, changed_at from timelines.account_states where user_id = $1',
      [frits],
    );
    expect(state.rows[0]).toEqual({ active: false, changed_at: new Date(at(30)) });
    // Eva's follow of Frits stays (it comes back with him)
    expect(await follows(eva)).toEqual([frits]);
  });
});
