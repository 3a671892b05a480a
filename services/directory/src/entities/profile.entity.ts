import { defineEntity, p } from '@mikro-orm/postgresql';
import type { ClientSharedField, PersonKind, Realm } from '@plein/contracts';
import type { ProfilePreset } from '../identity-follower.js';

/**
 * A person's profile in the smoelenboek, one per identity user. Names follow identity (`identitySeenAt`: the
 * newest user event applied); `active` copies the account state (account_states); `sortName` is the name the
 * directory sorts and finds people by, `skillKeys` the skills as they are found.
 */
export const ProfileEntity = defineEntity({
  name: 'Profile',
  tableName: 'profiles',
  properties: {
    userId: p.uuid().primary(),
    realm: p.string().$type<Realm>(),
    subject: p.text(),
    kind: p.string().$type<PersonKind>(),
    username: p.text(),
    firstName: p.text(),
    lastName: p.text(),
    displayName: p.text(),
    sortName: p.text(),
    email: p.text().nullable(),
    phone: p.text().nullable(),
    about: p.text().nullable(),
    skills: p.array().$type<string[]>(),
    skillKeys: p.array().$type<string[]>(),
    languages: p.array().$type<string[]>(),
    startDate: p.date().nullable(),
    functionId: p.uuid().nullable(),
    mentorId: p.uuid().nullable(),
    optedIn: p.boolean(),
    sharedFields: p.array().$type<ClientSharedField[]>(),
    photoVersion: p.text().nullable(),
    photoAlt: p.text().nullable(),
    active: p.boolean(),
    identitySeenAt: p.datetime(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type ProfileEntityRecord = InstanceType<typeof ProfileEntity.class>;

/** Where a person works; the rows go with the profile or the location (on delete cascade). */
export const ProfileLocationEntity = defineEntity({
  name: 'ProfileLocation',
  tableName: 'profile_locations',
  properties: {
    userId: p.uuid().primary(),
    locationId: p.uuid().primary(),
  },
});

/** A profile photo's two WebP renditions (made by the gateway); `version` is in every link to them. */
export const PhotoEntity = defineEntity({
  name: 'Photo',
  tableName: 'photos',
  properties: {
    userId: p.uuid().primary(),
    version: p.text(),
    thumb: p.blob().$type<Buffer>(),
    medium: p.blob().$type<Buffer>(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

/** Demo-organisation data for a person not provisioned yet, by Keycloak subject (seed.ts, identity-follower.ts). */
export const ProfilePresetEntity = defineEntity({
  name: 'ProfilePreset',
  tableName: 'profile_presets',
  properties: {
    realm: p.string().$type<Realm>().primary(),
    subject: p.text().primary(),
    data: p.json<ProfilePreset>(),
    thumb: p.blob().$type<Buffer>().nullable(),
    medium: p.blob().$type<Buffer>().nullable(),
  },
});

/** The newest account state per person (identity's deactivated/reactivated), kept even before the profile. */
export const AccountStateEntity = defineEntity({
  name: 'AccountState',
  tableName: 'account_states',
  properties: {
    userId: p.uuid().primary(),
    active: p.boolean(),
    reason: p.string().$type<'disabled' | 'removed'>().nullable(),
    changedAt: p.datetime(),
  },
});
