import type { EntityManager } from '@mikro-orm/postgresql';
import { FORMER_PERSON_ID, formerPersonOf } from '@plein/auth';
import { ErasureRequested, type PersonalData, erasureConfirmed } from '@plein/contracts';
import { type ConsumerSpec, forgetPublishedEvents, recordEvent } from '@plein/messaging';
import { SERVICE } from './timelines.config.js';

const count = async (tx: EntityManager, sql: string, params: unknown[]): Promise<number> => {
  const rows = await tx.execute<{ n: string }[]>(
    `with done as (${sql} returning 1) select count(*)::text as n from done`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
};

/**
 * Erasure (AVG), timelines' part, in one transaction: what the person wrote stays where others need it (posts,
 * comments, groups they founded), under the stand-in "oud-medewerker"/"oud-deelnemer" (`FORMER_PERSON_ID`, whose
 * facts are kept in `users` and `people` so `authorCard` shows the label); their reactions, read confirmations,
 * follows (both ways), group and team memberships, account state and the facts about them go; other posts stop
 * naming or mentioning them. Published events that carried them leave the outbox. Confirmed in the same
 * transaction; a redelivery finds nothing more to do and confirms again.
 */
export async function eraseFromTimelines(
  tx: EntityManager,
  data: { erasureId: string; userId: string; realm: 'staff' | 'clients' },
): Promise<void> {
  const id = data.userId;
  const former = formerPersonOf(data.realm);
  await tx.execute(
    `insert into "timelines"."users" (id, realm, username, display_name, active) values (?, ?, ?, ?, false)
     on conflict (id) do nothing`,
    [former.id, data.realm, former.displayName, former.displayName],
  );
  await tx.execute(
    `insert into "timelines"."people" (user_id, kind, first_name, last_name, display_name, opted_in, shared_fields,
       photo_version, active, seen_at)
     values (?, ?, ?, '', ?, true, '{}', null, false, 'infinity') on conflict (user_id) do nothing`,
    [former.id, former.kind, former.firstName, former.displayName],
  );
  const posts = await count(tx, `update "timelines"."posts" set author_id = ? where author_id = ?`, [
    former.id,
    id,
  ]);
  const comments = await count(tx, `update "timelines"."comments" set author_id = ? where author_id = ?`, [
    former.id,
    id,
  ]);
  const groups = await count(tx, `update "timelines"."groups" set created_by = ? where created_by = ?`, [
    former.id,
    id,
  ]);
  const named = await count(
    tx,
    `update "timelines"."posts" set named_user_ids = array_remove(named_user_ids, ?::uuid),
       mention_ids = array_remove(mention_ids, ?::uuid)
     where ?::uuid = any(named_user_ids) or ?::uuid = any(mention_ids)`,
    [id, id, id, id],
  );
  const reactions = await count(tx, `delete from "timelines"."reactions" where user_id = ?`, [id]);
  const confirmations = await count(tx, `delete from "timelines"."confirmations" where user_id = ?`, [id]);
  const follows = await count(
    tx,
    `delete from "timelines"."follows" where follower_id = ? or followee_id = ?`,
    [id, id],
  );
  const memberships = await count(tx, `delete from "timelines"."group_members" where user_id = ?`, [id]);
  const teams = await count(tx, `delete from "timelines"."team_memberships" where user_id = ?`, [id]);
  const states = await count(tx, `delete from "timelines"."account_states" where user_id = ?`, [id]);
  const people = await count(tx, `delete from "timelines"."people" where user_id = ?`, [id]);
  const users = await count(tx, `delete from "timelines"."users" where id = ?`, [id]);
  const events = await forgetPublishedEvents(tx, SERVICE, id);
  recordEvent(
    tx,
    erasureConfirmed('timelines'),
    {
      erasureId: data.erasureId,
      userId: id,
      service: 'timelines',
      removed: {
        reactions,
        confirmations,
        follows,
        memberships,
        teamMemberships: teams,
        accountStates: states,
        people,
        users,
        events,
      },
      anonymised: { posts, comments, groups, postsNamingThem: named },
      confirmedAt: new Date().toISOString(),
    },
    SERVICE,
  );
}

export const erasureConsumer: ConsumerSpec<typeof ErasureRequested.data> = {
  durable: 'timelines-erasure',
  event: ErasureRequested,
  handle: (tx, data) => eraseFromTimelines(tx, data),
};

/** Whether an id is an erased person's stand-in (never followed, mentioned or listed). */
export const isFormerPerson = (id: string): boolean => Object.values(FORMER_PERSON_ID).includes(id);

/**
 * What timelines holds of a person, for `GET /me/export`: their own posts (with every version), comments,
 * reactions, read confirmations, follows and group memberships. Never what others wrote, not even on their posts.
 */
export async function timelinesExport(em: EntityManager, userId: string): Promise<PersonalData> {
  const q = <T extends object>(sql: string) => em.execute<T[]>(sql, [userId]);
  const posts = await q<Record<string, unknown>>(
    `select p.id, p.intranet, p.type, p.audience, p.group_id as "groupId", p.title, p.body, p.created_at as "createdAt",
       p.edited_at as "editedAt",
       coalesce((select json_agg(json_build_object('title', v.title, 'body', v.body, 'at', v.at)
                  order by v.version) from "timelines"."post_versions" v where v.post_id = p.id), '[]') as versions
     from "timelines"."posts" p where p.author_id = ? order by p.created_at`,
  );
  const comments = await q<Record<string, unknown>>(
    `select id, post_id as "postId", body, created_at as "createdAt" from "timelines"."comments"
      where author_id = ? order by created_at`,
  );
  const reactions = await q<Record<string, unknown>>(
    `select post_id as "postId", kind, created_at as "createdAt" from "timelines"."reactions" where user_id = ?`,
  );
  const confirmations = await q<Record<string, unknown>>(
    `select post_id as "postId", at from "timelines"."confirmations" where user_id = ?`,
  );
  const follows = await q<Record<string, unknown>>(
    `select followee_id as "personId", created_at as "createdAt" from "timelines"."follows" where follower_id = ?`,
  );
  const groups = await q<Record<string, unknown>>(
    `select g.id, g.name, m.state from "timelines"."group_members" m join "timelines"."groups" g on g.id = m.group_id
      where m.user_id = ? order by g.name`,
  );
  return { service: 'timelines', sections: { posts, comments, reactions, confirmations, follows, groups } };
}
