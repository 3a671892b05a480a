import type { ConsumerSpec } from '@plein/messaging';
import { UserDeactivated, UserReactivated } from '@plein/contracts';
import { followAccountState } from './people.service.js';

/**
 * Identity's account-state events (accounts disabled or removed in Keycloak, and back): a deactivated person
 * cannot be newly followed or mentioned; their posts and existing follows stay. Two durables, so the events can
 * come in either order: the newest wins (people.service.ts `followAccountState`); the inbox makes redelivery
 * harmless.
 */
export const accountStateConsumers: [
  ConsumerSpec<typeof UserDeactivated.data>,
  ConsumerSpec<typeof UserReactivated.data>,
] = [
  {
    durable: 'timelines-account-deactivated',
    event: UserDeactivated,
    handle: (tx, data, envelope) => followAccountState(tx, data.userId, false, envelope.occurredAt),
  },
  {
    durable: 'timelines-account-reactivated',
    event: UserReactivated,
    handle: (tx, data, envelope) => followAccountState(tx, data.userId, true, envelope.occurredAt),
  },
];
