import { defineEntity, p } from '@mikro-orm/postgresql';
import type { Intranet, NotificationData, NotificationKind } from '@plein/contracts';
import { definePersonFactsEntity } from '@plein/persistence';

export const NotificationEntity = defineEntity({
  name: 'Notification',
  tableName: 'notifications',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().nullable(),
    intranet: p.string().$type<Intranet>(),
    kind: p.string().$type<NotificationKind>(),
    contentKey: p.text(),
    itemKey: p.text().nullable(),
    actorId: p.uuid().nullable(),
    actorIds: p.array().$type<string[]>(),
    batchKey: p.text().nullable(),
    data: p.json<NotificationData>(),
    readAt: p.datetime().nullable(),
    digestedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type NotificationRow = InstanceType<typeof NotificationEntity.class>;

export const BroadcastReadEntity = defineEntity({
  name: 'BroadcastRead',
  tableName: 'broadcast_reads',
  properties: {
    notificationId: p.uuid().primary(),
    userId: p.uuid().primary(),
    readAt: p.datetime().nullable(),
    digestedAt: p.datetime().nullable(),
  },
});

export const ContentEntity = defineEntity({
  name: 'NotifiedContent',
  tableName: 'contents',
  properties: {
    key: p.text().primary(),
    intranet: p.string().$type<Intranet>(),
    audience: p.string().$type<'organization' | 'followers' | 'group' | 'private'>(),
    groupId: p.uuid().nullable(),
    authorId: p.uuid(),
    namedUserIds: p.array().$type<string[]>(),
    hidden: p.boolean(),
    title: p.text().nullable(),
  },
});
export type ContentRow = InstanceType<typeof ContentEntity.class>;

export const HiddenItemEntity = defineEntity({
  name: 'HiddenItem',
  tableName: 'hidden_items',
  properties: { key: p.text().primary() },
});

export const PreferenceEntity = defineEntity({
  name: 'NotificationPreference',
  tableName: 'preferences',
  properties: {
    userId: p.uuid().primary(),
    kind: p.string().$type<NotificationKind>().primary(),
    channel: p.string().$type<'app' | 'digest' | 'off'>(),
  },
});

export const PersonFactsEntity = definePersonFactsEntity('NotificationsPersonFacts');

export const PersonEntity = defineEntity({
  name: 'NotificationsPerson',
  tableName: 'people',
  properties: {
    userId: p.uuid().primary(),
    realm: p.string().$type<'staff' | 'clients'>(),
    username: p.text(),
    displayName: p.text(),
    email: p.text().nullable(),
    roles: p.array().$type<string[]>(),
    lastDigestAt: p.datetime().nullable(),
  },
});
export type PersonRow = InstanceType<typeof PersonEntity.class>;

export const NOTIFICATIONS_ENTITIES = [
  NotificationEntity,
  BroadcastReadEntity,
  ContentEntity,
  HiddenItemEntity,
  PreferenceEntity,
  PersonFactsEntity,
  PersonEntity,
];
