import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  type OwnProfilePatch,
  type PeopleQuery,
  type Person,
  type PersonPage,
  type Principal,
  PhotoRenditions,
  PleinError,
  ProfileUpdated,
  type StaffAssignmentPatch,
  badRequest,
  forbidden,
  notFound,
} from '@plein/contracts';
import { hasAnyRole, hasRole } from '@plein/auth';
import type { z } from 'zod';
import type { ProfileEntityRecord } from './entities/profile.entity.js';
import { type ProfileRecord, maySeePhoto, projectPerson } from './person.projection.js';
import { ProfileRepository } from './repositories/profile.repository.js';
import {
  assertExist,
  loadProfile,
  loadProfiles,
  peopleCursor,
  recordProfileEvent,
  skillKey,
  tidyList,
} from './profile.store.js';

const isEditor = (p: Principal) => p.realm === 'staff' && hasAnyRole(p, ['editor', 'admin']);

@Injectable()
export class PeopleService {
  constructor(private readonly em: EntityManager) {}

  /** People A–Z (by the name the viewer sees), filtered; the cursor is the last (sort key, id). */
  async list(q: PeopleQuery, viewer: Principal): Promise<PersonPage> {
    const after = q.cursor ? peopleCursor.decode(q.cursor) : undefined;
    const rows = await new ProfileRepository(this.em).page(viewer, q, after);
    const page = rows.slice(0, q.limit);
    const items = this.project(
      viewer,
      await loadProfiles(
        this.em,
        page.map((r) => r.user_id),
      ),
    );
    const last = page[page.length - 1];
    return rows.length > q.limit && last
      ? { items, nextCursor: peopleCursor.encode([last.sort_name, last.user_id]) }
      : { items };
  }

  /**
   * "New colleagues": staff whose start date lies in the last `days` days, newest first. Only for readers who
   * may see start dates (staff on the staff intranet): on the client intranet a start date is hidden, and a
   * list by start date with a chosen window would give it away (ask for 1, 2, 3… days and see who appears).
   */
  async newColleagues(days: number, viewer: Principal): Promise<PersonPage> {
    if (viewer.realm !== 'staff' || viewer.intranet !== 'staff')
      throw new PleinError(
        403,
        'start_date_hidden',
        'New colleagues are listed on the staff intranet only: start dates are not shown here',
      );
    const ids = await new ProfileRepository(this.em).startedWithin(days);
    return { items: this.project(viewer, await loadProfiles(this.em, ids)) };
  }

  async get(id: string, viewer: Principal): Promise<Person> {
    const record = await loadProfile(this.em, id);
    const person = record && projectPerson(viewer, record);
    if (!person) throw notFound('No such person');
    return person;
  }

  async updateOwn(patch: OwnProfilePatch, viewer: Principal): Promise<Person> {
    return this.em.transactional(async (tx) => {
      const me = await this.lockOwn(tx, viewer);
      if (patch.privacy && me.kind !== 'client') {
        throw badRequest('Only clients choose what the client intranet shows of them');
      }
      const changes: Partial<ProfileEntityRecord> = {};
      if (patch.phone !== undefined) changes.phone = patch.phone || null;
      if (patch.about !== undefined) changes.about = patch.about || null;
      if (patch.skills !== undefined) {
        const skills = tidyList(patch.skills);
        Object.assign(changes, { skills, skillKeys: skills.map(skillKey) });
      }
      if (patch.languages !== undefined) changes.languages = tidyList(patch.languages);
      if (patch.privacy !== undefined)
        Object.assign(changes, {
          optedIn: patch.privacy.optedIn,
          sharedFields: [...new Set(patch.privacy.sharedFields)],
        });
      if (Object.keys(changes).length > 0) {
        Object.assign(me, changes, { updatedAt: new Date() });
        await new ProfileRepository(tx).flush();
        await recordProfileEvent(tx, ProfileUpdated, viewer.userId);
      }
      return this.reload(tx, viewer.userId, viewer);
    });
  }

  /** Editors and admins set where a colleague works and as what. */
  async assign(id: string, patch: z.infer<typeof StaffAssignmentPatch>, viewer: Principal): Promise<Person> {
    if (!isEditor(viewer)) throw forbidden('Editors and admins manage where colleagues work');
    return this.em.transactional(async (tx) => {
      const profiles = new ProfileRepository(tx);
      const row = await profiles.findForUpdate(id);
      if (!row || !row.active || row.kind !== 'staff') throw notFound('No such colleague');
      if (patch.function) await assertExist(tx, 'functions', [patch.function], 'function');
      if (patch.locations) await assertExist(tx, 'locations', patch.locations, 'locations');
      if (patch.function !== undefined) row.functionId = patch.function;
      if (patch.startDate !== undefined) row.startDate = patch.startDate;
      if (patch.locations !== undefined) await profiles.setLocations(id, patch.locations);
      row.updatedAt = new Date();
      await profiles.flush();
      await recordProfileEvent(tx, ProfileUpdated, id);
      return this.reload(tx, id, viewer);
    });
  }

  /** A client's active mentor (for services acting on a mentor's behalf); null for anyone else. */
  async mentorOf(clientId: string): Promise<{ clientId: string; mentorId: string | null }> {
    const p = await loadProfile(this.em, clientId);
    const mentorId = p && p.active && p.kind === 'client' && p.mentor ? p.mentor.id : null;
    return { clientId, mentorId };
  }

  /**
   * Who coaches a client: the relation staff see on the client intranet. A mentor takes on a client who has no
   * (active) mentor; only the current mentor or an administrator hands a client over to another colleague, so
   * no mentor can take someone else's client (and with them what a mentor sees of the client).
   */
  async claimMentorship(id: string, mentorId: string | undefined, viewer: Principal): Promise<Person> {
    const admin = viewer.realm === 'staff' && hasRole(viewer, 'admin');
    if (viewer.realm !== 'staff' || !(admin || hasRole(viewer, 'mentor')))
      throw forbidden('Only mentors coach clients');
    const target = mentorId ?? viewer.userId;
    return this.em.transactional(async (tx) => {
      const profiles = new ProfileRepository(tx);
      const client = await profiles.findForUpdate(id);
      if (!client || client.kind !== 'client' || !client.active) throw notFound('No such client');
      const mentor = client.mentorId ? await profiles.find(client.mentorId) : null;
      // a mentor whose account was closed coaches nobody: the client counts as without one
      const current = { mentor_id: mentor?.active ? mentor.userId : null };
      if (!admin && current.mentor_id !== null && current.mentor_id !== viewer.userId)
        throw new PleinError(
          403,
          'not_the_mentor',
          'This client has a mentor; only that mentor or an administrator can hand the client over',
        );
      if (!admin && current.mentor_id === null && target !== viewer.userId)
        throw new PleinError(
          403,
          'not_the_mentor',
          'Only the client’s mentor or an administrator can give the client another mentor',
        );
      if (target !== viewer.userId) {
        const colleague = await profiles.find(target);
        if (!colleague || colleague.kind !== 'staff' || !colleague.active)
          throw badRequest('mentorId is not an active colleague', { mentorId: target });
      }
      Object.assign(client, { mentorId: target, updatedAt: new Date() });
      await profiles.flush();
      await recordProfileEvent(tx, ProfileUpdated, id);
      const coached = await loadProfile(tx, id);
      // The mentor sees the client as the client intranet shows them, plus the relation, even when not opted in.
      const person =
        coached &&
        (projectPerson({ ...viewer, intranet: 'client' }, coached) ?? {
          id: coached.id,
          kind: coached.kind,
          displayName: coached.firstName,
          firstName: coached.firstName,
          mentor: coached.mentor,
        });
      if (!person) throw notFound('No such client');
      return person;
    });
  }

  /** Stores the two renditions the gateway made; nothing of the upload itself ever reaches this service. */
  async setPhoto(photo: z.infer<typeof PhotoRenditions>, viewer: Principal): Promise<Person> {
    const thumb = Buffer.from(photo.thumb, 'base64');
    const medium = Buffer.from(photo.medium, 'base64');
    for (const image of [thumb, medium]) {
      if (!isWebp(image)) throw badRequest('A photo rendition must be a WebP image');
    }
    const version = createHash('sha256').update(medium).digest('hex').slice(0, 16);
    return this.em.transactional(async (tx) => {
      const me = await this.lockOwn(tx, viewer);
      const profiles = new ProfileRepository(tx);
      await profiles.setPhoto(viewer.userId, version, thumb, medium);
      Object.assign(me, { photoVersion: version, photoAlt: photo.alt ?? null, updatedAt: new Date() });
      await profiles.flush();
      await recordProfileEvent(tx, ProfileUpdated, viewer.userId);
      return this.reload(tx, viewer.userId, viewer);
    });
  }

  async deletePhoto(viewer: Principal): Promise<Person> {
    return this.em.transactional(async (tx) => {
      const me = await this.lockOwn(tx, viewer);
      const profiles = new ProfileRepository(tx);
      if (await profiles.removePhoto(viewer.userId)) {
        Object.assign(me, { photoVersion: null, photoAlt: null, updatedAt: new Date() });
        await profiles.flush();
        await recordProfileEvent(tx, ProfileUpdated, viewer.userId);
      }
      return this.reload(tx, viewer.userId, viewer);
    });
  }

  async getPhoto(id: string, size: 'thumb' | 'medium', viewer: Principal) {
    const record = await loadProfile(this.em, id);
    if (!record || !maySeePhoto(viewer, record)) throw notFound('No such photo');
    const row = await new ProfileRepository(this.em).photo(id);
    if (!row) throw notFound('No such photo');
    const data = size === 'thumb' ? row.thumb : row.medium;
    return { contentType: 'image/webp' as const, data: data.toString('base64'), version: row.version };
  }

  private async lockOwn(tx: EntityManager, viewer: Principal): Promise<ProfileEntityRecord> {
    const me = await new ProfileRepository(tx).findForUpdate(viewer.userId);
    if (!me)
      throw new PleinError(409, 'profile_not_ready', 'Your profile is being set up; try again in a moment');
    if (!me.active)
      throw new PleinError(403, 'account_inactive', 'This account is no longer active in Plein');
    return me;
  }

  private async reload(tx: EntityManager, id: string, viewer: Principal): Promise<Person> {
    const record = await loadProfile(tx, id);
    const person = record && projectPerson(viewer, record);
    if (!person) throw notFound('No such person');
    return person;
  }

  private project(viewer: Principal, records: ProfileRecord[]): Person[] {
    return records.flatMap((r) => projectPerson(viewer, r) ?? []);
  }
}

/** RIFF....WEBP */
export const isWebp = (b: Buffer): boolean =>
  b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP';
