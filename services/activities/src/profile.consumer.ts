import { ProfileCreated, ProfileUpdated } from '@plein/contracts';
import type { ConsumerSpec } from '@plein/messaging';
import { PersonFactsRepository } from './repositories/person-facts.repository.js';

/** The directory's profile events: how participants are shown to organisers (the person rule's facts). */
export const profileConsumers: [
  ConsumerSpec<typeof ProfileCreated.data>,
  ConsumerSpec<typeof ProfileUpdated.data>,
] = [
  {
    durable: 'activities-directory-profile-created',
    event: ProfileCreated,
    handle: (tx, data, envelope) => new PersonFactsRepository(tx).follow(data, envelope.occurredAt),
  },
  {
    durable: 'activities-directory-profile-updated',
    event: ProfileUpdated,
    handle: (tx, data, envelope) => new PersonFactsRepository(tx).follow(data, envelope.occurredAt),
  },
];
