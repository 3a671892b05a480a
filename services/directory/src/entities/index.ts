import { FunctionEntity } from './function.entity.js';
import { LocationEntity } from './location.entity.js';
import {
  AccountStateEntity,
  PhotoEntity,
  ProfileEntity,
  ProfileLocationEntity,
  ProfilePresetEntity,
} from './profile.entity.js';
import { TeamEntity, TeamLocationEntity, TeamMemberEntity } from './team.entity.js';

/** The directory's tables as entities: every write goes through them. */
export const DIRECTORY_ENTITIES = [
  LocationEntity,
  TeamEntity,
  TeamLocationEntity,
  TeamMemberEntity,
  FunctionEntity,
  ProfileEntity,
  ProfileLocationEntity,
  PhotoEntity,
  ProfilePresetEntity,
  AccountStateEntity,
];
