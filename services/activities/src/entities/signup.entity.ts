import { defineEntity, p } from '@mikro-orm/postgresql';
import type { SignupState } from '@plein/contracts';

/**
 * One person's place (or place in line) for one activity. The waiting list is the waitlisted sign-ups in the order
 * they came (`queuedAt`, then id). `signedUpById`: a mentor who signed their client up (null: the person themselves,
 * or erased). `remindedAt`: when the reminder the day before was emitted (once per participant and occurrence).
 */
export const SignupEntity = defineEntity({
  name: 'Signup',
  tableName: 'signups',
  properties: {
    id: p.uuid().primary(),
    activityId: p.uuid(),
    userId: p.uuid(),
    /** staff or client: how the person appears when the directory has not told us yet. */
    personKind: p.string().$type<'staff' | 'client'>(),
    state: p.string().$type<SignupState>(),
    signedUpById: p.uuid().nullable(),
    queuedAt: p.datetime(),
    confirmedAt: p.datetime().nullable(),
    remindedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Signup = InstanceType<typeof SignupEntity.class>;
