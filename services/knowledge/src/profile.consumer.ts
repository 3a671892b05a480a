import { ProfileCreated, ProfileUpdated } from '@plein/contracts';
import type { ConsumerSpec } from '@plein/messaging';
import { PersonFactsRepository } from './repositories/person-facts.repository.js';

/**
 * The directory's profile events, so knowledge knows what the person rule needs (kind, names, opt-in, shared
 * fields, photo, active) of everyone it shows. Two durables, so the newest event wins (`seen_at`).
 */
export const profileConsumers: [
  ConsumerSpec<typeof ProfileCreated.data>,
  ConsumerSpec<typeof ProfileUpdated.data>,
] = [
  {
    durable: 'knowledge-directory-profile-created',
    event: ProfileCreated,
    handle: (tx, data, envelope) => new PersonFactsRepository(tx).follow(data, envelope.occurredAt),
  },
  {
    durable: 'knowledge-directory-profile-updated',
    event: ProfileUpdated,
    handle: (tx, data, envelope) => new PersonFactsRepository(tx).follow(data, envelope.occurredAt),
  },
];
