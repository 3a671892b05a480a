import { defineEntity, p } from '@mikro-orm/postgresql';
import type { Realm } from '@plein/contracts';
import { definePersonFactsEntity } from '@plein/persistence';

/** Whom timelines follows: a person's follows of other people (idempotent). */
export const FollowEntity = defineEntity({
  name: 'Follow',
  tableName: 'follows',
  properties: {
    followerId: p.uuid().primary(),
    followeeId: p.uuid().primary(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/** Identity's people (users.consumer.ts, and every principal who writes here); `active`: the account stands. */
export const UserEntity = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.uuid().primary(),
    realm: p.string().$type<Realm>(),
    username: p.text(),
    displayName: p.text(),
    active: p.boolean(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type UserRecord = InstanceType<typeof UserEntity.class>;

/** The newest account state per person (identity's deactivated/reactivated), even before they are known. */
export const AccountStateEntity = defineEntity({
  name: 'AccountState',
  tableName: 'account_states',
  properties: {
    userId: p.uuid().primary(),
    active: p.boolean(),
    changedAt: p.datetime(),
  },
});

/** The directory's facts about each person (the shared entity of `@plein/persistence`, table `people`). */
export const PersonFactsEntity = definePersonFactsEntity('TimelinesPersonFacts', 'people');
