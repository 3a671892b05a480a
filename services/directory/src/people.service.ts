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
import { textArray } from '@plein/persistence';
import type { z } from 'zod';
import { type ProfileRecord, maySeePhoto, projectPerson } from './person.projection.js';
import {
  assertExist,
  loadProfile,
  loadProfiles,
  peopleCursor,
  recordProfileEvent,
  skillKey,
  tidyList,
} from './profile.store.js';

/**
 * The visible-rows condition of a people query, with its parameters. Filters only ever match fields the
 * viewer may see, so a filter can never reveal a hidden field (a client's skills, a colleague's team, …).
 */
function visibleWhere(viewer: Principal, q: PeopleQuery): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  parts.push('p.active');
  if (viewer.intranet === 'staff') {
    parts.push(`p.kind = 'staff'`);
    if (q.q) {
      parts.push(`p.sort_name like ?`);
      params.push(`%${likeEscape(q.q.toLocaleLowerCase('nl'))}%`);
    }
    if (q.location) {
      parts.push(
        `exists (select 1 from "directory"."profile_locations" x where x.user_id = p.user_id and x.location_id = ?)`,
      );
      params.push(q.location);
    }
    if (q.team) {
      parts.push(
        `exists (select 1 from "directory"."team_members" x where x.user_id = p.user_id and x.team_id = ?)`,
      );
      params.push(q.team);
    }
    if (q.function) {
      parts.push(`p.function_id = ?`);
      params.push(q.function);
    }
    if (q.skill) {
      parts.push(`p.skill_keys @> ?::text[]`);
      params.push(textArray([skillKey(q.skill)]));
    }
    return { sql: parts.join(' and '), params };
  }
  // Client intranet: staff as contact persons (name, photo, function, location); opted-in clients with what they share.
  parts.push(`(p.kind = 'staff' or (p.kind = 'client' and p.opted_in))`);
  const shares = (field: 'lastName' | 'locations' | 'skills') => `'${field}' = any(p.shared_fields)`;
  if (q.q) {
    const like = `%${likeEscape(q.q.toLocaleLowerCase('nl'))}%`;
    parts.push(
      `((p.kind = 'staff' and p.sort_name like ?) or (p.kind = 'client' and (lower(p.first_name) like ? or (${shares('lastName')} and lower(p.last_name) like ?))))`,
    );
    params.push(like, like, like);
  }
  if (q.location) {
    parts.push(
      `((p.kind = 'staff' or ${shares('locations')}) and exists (select 1 from "directory"."profile_locations" x where x.user_id = p.user_id and x.location_id = ?))`,
    );
    params.push(q.location);
  }
  if (q.team) parts.push('false'); // team membership is not shown on the client intranet
  if (q.function) {
    parts.push(`(p.kind = 'staff' and p.function_id = ?)`);
    params.push(q.function);
  }
  if (q.skill) {
    parts.push(`(p.kind = 'client' and ${shares('skills')} and p.skill_keys @> ?::text[])`);
    params.push(textArray([skillKey(q.skill)]));
  }
  return { sql: parts.join(' and '), params };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const isEditor = (p: Principal) => p.realm === 'staff' && hasAnyRole(p, ['editor', 'admin']);

@Injectable()
export class PeopleService {
  constructor(private readonly em: EntityManager) {}

  /** People A–Z (by the name the viewer sees), filtered; the cursor is the last (sort key, id). */
  async list(q: PeopleQuery, viewer: Principal): Promise<PersonPage> {
    const { sql, params } = visibleWhere(viewer, q);
    const after = q.cursor ? peopleCursor.decode(q.cursor) : undefined;
    const rows = await this.em.execute<{ user_id: string; sort_name: string }[]>(
      `select p.user_id, p.sort_name from "directory"."profiles" p
        where ${sql} ${after ? 'and (p.sort_name, p.user_id) > (?, ?::uuid)' : ''}
        order by p.sort_name, p.user_id limit ?`,
      [...params, ...(after ? after : []), q.limit + 1],
    );
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
    const rows = await this.em.execute<{ user_id: string }[]>(
      `select user_id from "directory"."profiles"
        where kind = 'staff' and active and start_date is not null
          and start_date between current_date - ?::int and current_date
        order by start_date desc, sort_name limit 50`,
      [days],
    );
    return {
      items: this.project(
        viewer,
        await loadProfiles(
          this.em,
          rows.map((r) => r.user_id),
        ),
      ),
    };
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
      const sets: string[] = [];
      const params: unknown[] = [];
      if (patch.phone !== undefined) {
        sets.push('phone = ?');
        params.push(patch.phone || null);
      }
      if (patch.about !== undefined) {
        sets.push('about = ?');
        params.push(patch.about || null);
      }
      if (patch.skills !== undefined) {
        const skills = tidyList(patch.skills);
        sets.push('skills = ?::text[]', 'skill_keys = ?::text[]');
        params.push(textArray(skills), textArray(skills.map(skillKey)));
      }
      if (patch.languages !== undefined) {
        sets.push('languages = ?::text[]');
        params.push(textArray(tidyList(patch.languages)));
      }
      if (patch.privacy !== undefined) {
        sets.push('opted_in = ?', 'shared_fields = ?::text[]');
        params.push(patch.privacy.optedIn, textArray([...new Set(patch.privacy.sharedFields)]));
      }
      if (sets.length > 0) {
        await tx.execute(
          `update "directory"."profiles" set ${sets.join(', ')}, updated_at = now() where user_id = ?`,
          [...params, viewer.userId],
        );
        await recordProfileEvent(tx, ProfileUpdated, viewer.userId);
      }
      return this.reload(tx, viewer.userId, viewer);
    });
  }

  /** Editors and admins set where a colleague works and as what. */
  async assign(id: string, patch: z.infer<typeof StaffAssignmentPatch>, viewer: Principal): Promise<Person> {
    if (!isEditor(viewer)) throw forbidden('Editors and admins manage where colleagues work');
    return this.em.transactional(async (tx) => {
      const [row] = await tx.execute<{ kind: string }[]>(
        `select kind from "directory"."profiles" where user_id = ? and active for update`,
        [id],
      );
      if (!row || row.kind !== 'staff') throw notFound('No such colleague');
      if (patch.function) await assertExist(tx, 'functions', [patch.function], 'function');
      if (patch.locations) await assertExist(tx, 'locations', patch.locations, 'locations');
      if (patch.function !== undefined) {
        await tx.execute(`update "directory"."profiles" set function_id = ? where user_id = ?`, [
          patch.function,
          id,
        ]);
      }
      if (patch.startDate !== undefined) {
        await tx.execute(`update "directory"."profiles" set start_date = ?::date where user_id = ?`, [
          patch.startDate,
          id,
        ]);
      }
      if (patch.locations !== undefined) {
        await tx.execute(`delete from "directory"."profile_locations" where user_id = ?`, [id]);
        await tx.execute(
          `insert into "directory"."profile_locations" (user_id, location_id)
           select ?, unnest(?::uuid[]) on conflict do nothing`,
          [id, textArray(patch.locations)],
        );
      }
      await tx.execute(`update "directory"."profiles" set updated_at = now() where user_id = ?`, [id]);
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
      const [current] = await tx.execute<{ mentor_id: string | null }[]>(
        `select case when m.active then c.mentor_id end as mentor_id
           from "directory"."profiles" c left join "directory"."profiles" m on m.user_id = c.mentor_id
          where c.user_id = ? and c.kind = 'client' and c.active
          for update of c`,
        [id],
      );
      if (!current) throw notFound('No such client');
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
        const [colleague] = await tx.execute<{ user_id: string }[]>(
          `select user_id from "directory"."profiles" where user_id = ? and kind = 'staff' and active`,
          [target],
        );
        if (!colleague) throw badRequest('mentorId is not an active colleague', { mentorId: target });
      }
      await tx.execute(
        `update "directory"."profiles" set mentor_id = ?, updated_at = now() where user_id = ?`,
        [target, id],
      );
      await recordProfileEvent(tx, ProfileUpdated, id);
      const client = await loadProfile(tx, id);
      // The mentor sees the client as the client intranet shows them, plus the relation, even when not opted in.
      const person =
        client &&
        (projectPerson({ ...viewer, intranet: 'client' }, client) ?? {
          id: client.id,
          kind: client.kind,
          displayName: client.firstName,
          firstName: client.firstName,
          mentor: client.mentor,
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
      await this.lockOwn(tx, viewer);
      await tx.execute(
        `insert into "directory"."photos" (user_id, version, thumb, medium, updated_at) values (?, ?, ?, ?, now())
         on conflict (user_id) do update set version = excluded.version, thumb = excluded.thumb,
           medium = excluded.medium, updated_at = now()`,
        [viewer.userId, version, thumb, medium],
      );
      await tx.execute(
        `update "directory"."profiles" set photo_version = ?, photo_alt = ?, updated_at = now() where user_id = ?`,
        [version, photo.alt ?? null, viewer.userId],
      );
      await recordProfileEvent(tx, ProfileUpdated, viewer.userId);
      return this.reload(tx, viewer.userId, viewer);
    });
  }

  async deletePhoto(viewer: Principal): Promise<Person> {
    return this.em.transactional(async (tx) => {
      await this.lockOwn(tx, viewer);
      const gone = await tx.execute<{ user_id: string }[]>(
        `delete from "directory"."photos" where user_id = ? returning user_id`,
        [viewer.userId],
      );
      if (gone.length > 0) {
        await tx.execute(
          `update "directory"."profiles" set photo_version = null, photo_alt = null, updated_at = now() where user_id = ?`,
          [viewer.userId],
        );
        await recordProfileEvent(tx, ProfileUpdated, viewer.userId);
      }
      return this.reload(tx, viewer.userId, viewer);
    });
  }

  async getPhoto(id: string, size: 'thumb' | 'medium', viewer: Principal) {
    const record = await loadProfile(this.em, id);
    if (!record || !maySeePhoto(viewer, record)) throw notFound('No such photo');
    const [row] = await this.em.execute<{ version: string; data: Buffer }[]>(
      `select version, ${size === 'thumb' ? 'thumb' : 'medium'} as data from "directory"."photos" where user_id = ?`,
      [id],
    );
    if (!row) throw notFound('No such photo');
    return { contentType: 'image/webp' as const, data: row.data.toString('base64'), version: row.version };
  }

  private async lockOwn(tx: EntityManager, viewer: Principal): Promise<{ kind: string }> {
    const [me] = await tx.execute<{ kind: string; active: boolean }[]>(
      `select kind, active from "directory"."profiles" where user_id = ? for update`,
      [viewer.userId],
    );
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
