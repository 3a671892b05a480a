import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { type PeopleQuery, type Principal, badRequest } from '@plein/contracts';
import { FunctionEntity } from '../entities/function.entity.js';
import { LocationEntity } from '../entities/location.entity.js';
import {
  AccountStateEntity,
  PhotoEntity,
  ProfileEntity,
  type ProfileEntityRecord,
  ProfileLocationEntity,
  ProfilePresetEntity,
} from '../entities/profile.entity.js';
import { TeamEntity } from '../entities/team.entity.js';
import { peoplePageQuery } from '../people.query.js';

const ENTITY_OF = {
  locations: LocationEntity,
  teams: TeamEntity,
  functions: FunctionEntity,
} as const;

/**
 * Profiles with their locations and photos, and the account states and presets that shape them: the one place
 * that knows how they are stored. Construct it with the `em` of the transaction (or request context) in use.
 */
export class ProfileRepository {
  constructor(private readonly em: EntityManager) {}

  find(userId: string): Promise<ProfileEntityRecord | null> {
    return this.em.findOne(ProfileEntity, { userId });
  }

  /** The profile, locked until the transaction ends: changes to one profile go one at a time. */
  findForUpdate(userId: string): Promise<ProfileEntityRecord | null> {
    return this.em.findOne(ProfileEntity, { userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  findBySubject(realm: string, subject: string): Promise<ProfileEntityRecord | null> {
    return this.em.findOne(ProfileEntity, { realm: realm as 'staff' | 'clients', subject });
  }

  create(data: Omit<ProfileEntityRecord, 'createdAt' | 'updatedAt'>): ProfileEntityRecord {
    return this.em.create(ProfileEntity, data);
  }

  async flush(): Promise<void> {
    await this.em.flush();
  }

  /** One page of people the viewer may see, A–Z, after the cursor's (sort name, id); one more than the limit. */
  page(
    viewer: Principal,
    q: PeopleQuery,
    after: readonly [string, string] | undefined,
  ): Promise<{ user_id: string; sort_name: string }[]> {
    const page = peoplePageQuery(viewer, q, after);
    return this.em.execute<{ user_id: string; sort_name: string }[]>(page.sql, page.params);
  }

  /** Staff whose start date lies in the last `days` days, newest first (at most 50). */
  async startedWithin(days: number): Promise<string[]> {
    const today = new Date();
    const from = new Date(today.getTime() - days * 86_400_000);
    const rows = await this.em.find(
      ProfileEntity,
      {
        kind: 'staff',
        active: true,
        startDate: { $ne: null, $gte: isoDate(from), $lte: isoDate(today) },
      },
      { orderBy: [{ startDate: 'desc' }, { sortName: 'asc' }], limit: 50, fields: ['userId'] },
    );
    return rows.map((r) => r.userId);
  }

  /** Ids that must exist, or a 400 naming the missing ones. */
  async assertExist(
    what: 'locations' | 'teams' | 'functions',
    ids: readonly string[],
    label: string,
  ): Promise<void> {
    if (ids.length === 0) return;
    const found = (await this.em.find(ENTITY_OF[what] as typeof LocationEntity, {
      id: { $in: [...new Set(ids)] },
    })) as { id: string }[];
    const known = new Set(found.map((f) => f.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0)
      throw badRequest(
        `Unknown ${label}`,
        missing.map((id) => ({ path: label, message: id })),
      );
  }

  /** Replaces where the person works (unknown locations are left out). */
  async setLocations(userId: string, locationIds: readonly string[]): Promise<void> {
    await this.em.nativeDelete(ProfileLocationEntity, { userId });
    await this.addLocations(userId, locationIds);
  }

  /** Adds the locations that exist (a location named twice, or already there, once). */
  async addLocations(userId: string, locationIds: readonly string[]): Promise<void> {
    const unique = [...new Set(locationIds)];
    if (unique.length === 0) return;
    const existing = await this.em.find(LocationEntity, { id: { $in: unique } }, { fields: ['id'] });
    for (const { id } of existing)
      await this.em.upsert(
        ProfileLocationEntity,
        { userId, locationId: id },
        { onConflictFields: ['userId', 'locationId'], onConflictAction: 'ignore' },
      );
  }

  async photo(userId: string): Promise<{ version: string; thumb: Buffer; medium: Buffer } | null> {
    return this.em.findOne(PhotoEntity, { userId });
  }

  /** Stores (or replaces) a photo's renditions. */
  async setPhoto(userId: string, version: string, thumb: Buffer, medium: Buffer): Promise<void> {
    const current = await this.em.findOne(PhotoEntity, { userId });
    if (current) Object.assign(current, { version, thumb, medium, updatedAt: new Date() });
    else this.em.create(PhotoEntity, { userId, version, thumb, medium });
    await this.em.flush();
  }

  /** Adds a photo unless the person has one. */
  async addPhoto(userId: string, version: string, thumb: Buffer, medium: Buffer): Promise<boolean> {
    if (await this.em.findOne(PhotoEntity, { userId }, { fields: ['userId'] })) return false;
    this.em.create(PhotoEntity, { userId, version, thumb, medium });
    await this.em.flush();
    return true;
  }

  /** Removes the photo; true when there was one. */
  async removePhoto(userId: string): Promise<boolean> {
    return (await this.em.nativeDelete(PhotoEntity, { userId })) > 0;
  }

  async preset(realm: string, subject: string) {
    return this.em.findOne(ProfilePresetEntity, { realm: realm as 'staff' | 'clients', subject });
  }

  /** Clients (not yet coached) whose preset names this staff subject as their mentor. */
  async waitingMentees(mentorSubject: string): Promise<ProfileEntityRecord[]> {
    const presets = await this.em.find(ProfilePresetEntity, { data: { mentorSubject } });
    if (presets.length === 0) return [];
    return this.em.find(ProfileEntity, {
      $or: presets.map((pp) => ({ realm: pp.realm, subject: pp.subject })),
      mentorId: null,
    });
  }

  /** The clients a mentor currently coaches, by id. */
  async menteesOf(mentorId: string): Promise<string[]> {
    const rows = await this.em.find(
      ProfileEntity,
      { mentorId, kind: 'client' },
      { orderBy: { userId: 'asc' }, fields: ['userId'] },
    );
    return rows.map((r) => r.userId);
  }

  /** The profiles (of any kind) this person mentors lose their mentor; says whose they were. */
  async releaseMentees(mentorId: string): Promise<string[]> {
    const mentees = await this.em.find(
      ProfileEntity,
      { mentorId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    for (const m of mentees) Object.assign(m, { mentorId: null, updatedAt: new Date() });
    await this.em.flush();
    return mentees.map((m) => m.userId);
  }

  /**
   * Removes what the directory holds of one person (erasure): photo, locations, the preset that matched their
   * Keycloak subject, profile and account state, in that order; the number of rows of each.
   */
  async erase(userId: string): Promise<{
    photos: number;
    locations: number;
    presets: number;
    profiles: number;
    accountStates: number;
  }> {
    const photos = await this.em.nativeDelete(PhotoEntity, { userId });
    const locations = await this.em.nativeDelete(ProfileLocationEntity, { userId });
    const profile = await this.em.findOne(ProfileEntity, { userId }, { fields: ['realm', 'subject'] });
    const presets = profile
      ? await this.em.nativeDelete(ProfilePresetEntity, { realm: profile.realm, subject: profile.subject })
      : 0;
    const profiles = await this.em.nativeDelete(ProfileEntity, { userId });
    const accountStates = await this.em.nativeDelete(AccountStateEntity, { userId });
    return { photos, locations, presets, profiles, accountStates };
  }

  async accountState(userId: string) {
    return this.em.findOne(AccountStateEntity, { userId });
  }

  /**
   * Records an account state unless a newer one is recorded (`at`: the event's time); true when it was applied.
   * A state consumed at the same moment by the other consumer: the database keeps the newer.
   */
  async followAccountState(
    userId: string,
    state: { active: boolean; reason: 'disabled' | 'removed' | null },
    at: Date,
  ): Promise<boolean> {
    const current = await this.em.findOne(
      AccountStateEntity,
      { userId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (current) {
      if (current.changedAt >= at) return false;
      Object.assign(current, { ...state, changedAt: at });
      await this.em.flush();
      return true;
    }
    await this.em.upsert(
      AccountStateEntity,
      { userId, ...state, changedAt: at },
      {
        onConflictFields: ['userId'],
        onConflictAction: 'merge',
        onConflictWhere: { changedAt: { $lt: at } },
      },
    );
    const newest = await this.em.findOne(AccountStateEntity, { userId }, { refresh: true });
    return newest?.changedAt.getTime() === at.getTime();
  }
}

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
