import { GroupEntity, GroupMemberEntity, TeamMembershipEntity } from './group.entity.js';
import { AccountStateEntity, FollowEntity, PersonFactsEntity, UserEntity } from './person.entity.js';
import {
  CommentEntity,
  ConfirmationEntity,
  PostEntity,
  PostVersionEntity,
  ReactionEntity,
} from './post.entity.js';

/** Timelines' tables as entities: every write goes through them (reads of the feeds stay tuned SQL). */
export const TIMELINES_ENTITIES = [
  PostEntity,
  PostVersionEntity,
  CommentEntity,
  ReactionEntity,
  ConfirmationEntity,
  GroupEntity,
  GroupMemberEntity,
  TeamMembershipEntity,
  FollowEntity,
  UserEntity,
  AccountStateEntity,
  PersonFactsEntity,
];
