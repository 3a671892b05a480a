import type { ConsumerSpec } from '@plein/messaging';
import { UserProvisioned } from '@plein/contracts';
import { upsertUser } from './people.service.js';

/** Mirrors people from identity, so mentions, named people and follows can name anyone Plein knows. */
export const usersConsumer: ConsumerSpec<typeof UserProvisioned.data> = {
  durable: 'timelines-users',
  event: UserProvisioned,
  handle: async (em, data) => {
    await upsertUser(em, {
      id: data.userId,
      realm: data.realm,
      username: data.username,
      display_name: data.displayName || data.username,
    });
  },
};
