import { type EntityManager, LockMode, raw } from '@mikro-orm/postgresql';
import { FORMER_PERSON_ID, formerPersonOf } from '@plein/auth';
import { ErasureRequested, type PersonalData, erasureConfirmed } from '@plein/contracts';
import { type ConsumerSpec, forgetPublishedEvents, recordEvent } from '@plein/messaging';
import { GroupEntity, GroupMemberEntity, TeamMembershipEntity } from './entities/group.entity.js';
import { AccountStateEntity, FollowEntity, PersonFactsEntity, UserEntity } from './entities/person.entity.js';
import {
  CommentEntity,
  ConfirmationEntity,
  PostEntity,
  PostVersionEntity,
  ReactionEntity,
} from './entities/post.entity.js';
import { SERVICE } from './timelines.config.js';

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
  // The stand-in's rows; two erasures at once both try to add them, and one row of each is kept.
  await tx
    .createQueryBuilder(UserEntity)
    .insert({
      id: former.id,
      realm: data.realm,
      username: former.displayName,
      displayName: former.displayName,
      active: false,
      updatedAt: new Date(),
    })
    .onConflict('id')
    .ignore()
    .execute('run');
  await tx
    .createQueryBuilder(PersonFactsEntity)
    .insert({
      userId: former.id,
      kind: former.kind,
      firstName: former.firstName,
      lastName: '',
      displayName: former.displayName,
      optedIn: true,
      sharedFields: [],
      photoVersion: null,
      active: false,
      // seen "at the end of time": no profile event ever changes the stand-in's facts
      seenAt: raw(`'infinity'`),
    })
    .onConflict('userId')
    .ignore()
    .execute('run');
  const posts = await tx.nativeUpdate(PostEntity, { authorId: id }, { authorId: former.id });
  const comments = await tx.nativeUpdate(CommentEntity, { authorId: id }, { authorId: former.id });
  const groups = await tx.nativeUpdate(GroupEntity, { createdBy: id }, { createdBy: former.id });
  // Other posts stop naming or mentioning them (locked: an edit at the same moment neither undoes nor is lost).
  const naming = await tx.find(
    PostEntity,
    { $or: [{ namedUserIds: { $contains: [id] } }, { mentionIds: { $contains: [id] } }] },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  for (const post of naming) {
    post.namedUserIds = post.namedUserIds.filter((u) => u !== id);
    post.mentionIds = post.mentionIds.filter((u) => u !== id);
  }
  await tx.flush();
  const named = naming.length;
  const reactions = await tx.nativeDelete(ReactionEntity, { userId: id });
  const confirmations = await tx.nativeDelete(ConfirmationEntity, { userId: id });
  const follows = await tx.nativeDelete(FollowEntity, { $or: [{ followerId: id }, { followeeId: id }] });
  const memberships = await tx.nativeDelete(GroupMemberEntity, { userId: id });
  const teams = await tx.nativeDelete(TeamMembershipEntity, { userId: id });
  const states = await tx.nativeDelete(AccountStateEntity, { userId: id });
  const people = await tx.nativeDelete(PersonFactsEntity, { userId: id });
  const users = await tx.nativeDelete(UserEntity, { id });
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
  const own = await em.find(PostEntity, { authorId: userId }, { orderBy: { createdAt: 'asc' } });
  const versions = own.length
    ? await em.find(
        PostVersionEntity,
        { postId: { $in: own.map((p) => p.id) } },
        { orderBy: [{ postId: 'asc' }, { version: 'asc' }] },
      )
    : [];
  const posts = own.map((p) => ({
    id: p.id,
    intranet: p.intranet,
    type: p.type,
    audience: p.audience,
    groupId: p.groupId ?? null,
    title: p.title ?? null,
    body: p.body,
    createdAt: p.createdAt,
    editedAt: p.editedAt ?? null,
    versions: versions
      .filter((v) => v.postId === p.id)
      .map((v) => ({ title: v.title ?? null, body: v.body, at: v.at })),
  }));
  const comments = (
    await em.find(CommentEntity, { authorId: userId }, { orderBy: { createdAt: 'asc' } })
  ).map((c) => ({ id: c.id, postId: c.postId, body: c.body, createdAt: c.createdAt }));
  const reactions = (await em.find(ReactionEntity, { userId })).map((r) => ({
    postId: r.postId,
    kind: r.kind,
    createdAt: r.createdAt,
  }));
  const confirmations = (await em.find(ConfirmationEntity, { userId })).map((c) => ({
    postId: c.postId,
    at: c.at,
  }));
  const follows = (await em.find(FollowEntity, { followerId: userId })).map((f) => ({
    personId: f.followeeId,
    createdAt: f.createdAt,
  }));
  const memberships = await em.find(GroupMemberEntity, { userId });
  const state = new Map(memberships.map((m) => [m.groupId, m.state]));
  const groups = (
    memberships.length
      ? await em.find(GroupEntity, { id: { $in: [...state.keys()] } }, { orderBy: { name: 'asc' } })
      : []
  ).map((g) => ({ id: g.id, name: g.name, state: state.get(g.id)! }));
  return { service: 'timelines', sections: { posts, comments, reactions, confirmations, follows, groups } };
}
