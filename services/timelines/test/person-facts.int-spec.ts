import { randomUUID } from 'node:crypto';
import type { ClientProxy } from '@nestjs/microservices';
import {
  type Principal,
  ProfileCreated,
  ProfileUpdated,
  TimelinesRpc as R,
  UserProvisioned,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TimelinesHarness, timelinesHarness } from './harness.js';

/**
 * The directory's profile events, published straight onto JetStream in the orders the two durables can see them in,
 * against the real timelines service: how a person is shown follows the newest profile event (the person rule's
 * facts), never the name in the writer's token; before any profile event a client counts as not opted in.
 */
let h: TimelinesHarness;
let rpc: ClientProxy;

beforeAll(async () => {
  h = await timelinesHarness('directory');
  ({ rpc } = h);
});

afterAll(async () => {
  await h?.close();
});

const T0 = Date.parse('2026-12-29T09:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

const client = (userId: string, name: string): Principal => ({
  realm: 'clients',
  intranet: 'client',
  userId,
  subject: userId,
  username: `client.${userId.slice(0, 8)}`,
  displayName: name,
  roles: ['client'],
  groupIds: [],
});
const staffInClientTree = (userId: string): Principal => ({
  ...client(userId, 'Joost Bakker'),
  realm: 'staff',
  username: `staff.${userId.slice(0, 8)}`,
  roles: ['employee', 'mentor'],
});

const profile = (userId: string, optedIn: boolean, sharedFields: string[]) => ({
  userId,
  realm: 'clients',
  kind: 'client',
  displayName: 'Kees de Jong',
  firstName: 'Kees',
  lastName: 'de Jong',
  photoVersion: null,
  functionId: null,
  teamIds: [],
  locationIds: [],
  skills: [],
  languages: [],
  about: null,
  optedIn,
  sharedFields,
  hasPhoto: false,
  active: true,
});

describe("the directory's facts decide how a person is shown", () => {
  it('newest profile event wins in either order; the token name never shows; staff see the full name', async () => {
    const [kees, anna, mentor] = [randomUUID(), randomUUID(), randomUUID()];
    await h.handled([
      await h.publish(
        UserProvisioned,
        { userId: kees, realm: 'clients', subject: kees, username: 'kees', displayName: 'Kees de Jong' },
        at(0),
      ),
    ]);
    // Kees's token says "Joost Bakker" (a renamed account): that name never reaches anyone
    const post = await callRpc(
      rpc,
      R.createPost,
      { body: 'Wie gaat er mee naar de markt?', audience: 'organization' },
      client(kees, 'Joost Bakker'),
    );
    const authorFor = async (reader: Principal) =>
      (await callRpc(rpc, R.getPost, { id: post.id }, reader)).author;

    // no profile event yet: a client counts as not opted in — nameless to other clients
    expect(await authorFor(client(anna, 'Anna'))).toEqual({
      id: kees,
      kind: 'client',
      displayName: 'Cliënt',
    });

    // the opt-in (newer, 10) arrives before the profile's creation (older, 5): the opt-in stays
    await h.handled([await h.publish(ProfileUpdated, profile(kees, true, ['photo']), at(10))]);
    await h.handled([await h.publish(ProfileCreated, profile(kees, false, []), at(5))]);
    expect(await authorFor(client(anna, 'Anna'))).toEqual({ id: kees, kind: 'client', displayName: 'Kees' });
    expect(await authorFor(staffInClientTree(mentor))).toEqual({
      id: kees,
      kind: 'client',
      displayName: 'Kees de Jong',
    });

    // sharing the last name (newer): other clients see it; opting out (newer still): nobody to them again
    await h.handled([await h.publish(ProfileUpdated, profile(kees, true, ['lastName']), at(20))]);
    expect(await authorFor(client(anna, 'Anna'))).toMatchObject({ displayName: 'Kees de Jong' });
    await h.handled([await h.publish(ProfileUpdated, profile(kees, false, ['lastName']), at(30))]);
    expect(await authorFor(client(anna, 'Anna'))).toMatchObject({ displayName: 'Cliënt' });
    await expect(callRpc(rpc, R.follow, { userId: kees }, client(anna, 'Anna'))).rejects.toMatchObject({
      status: 404,
    });
    await callRpc(rpc, R.follow, { userId: kees }, staffInClientTree(mentor));
    expect((await callRpc(rpc, R.listFollows, {}, staffInClientTree(mentor))).items).toEqual([
      { id: kees, kind: 'client', displayName: 'Kees de Jong' },
    ]);
  });
});
