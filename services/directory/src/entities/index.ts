import { FunctionEntity } from './function.entity.js';
import { LocationEntity } from './location.entity.js';
import { TeamEntity, TeamLocationEntity, TeamMemberEntity } from './team.entity.js';

/** The directory's organisation tables as entities; profiles are still read and written in SQL. */
export const DIRECTORY_ENTITIES = [
  LocationEntity,
  TeamEntity,
  TeamLocationEntity,
  TeamMemberEntity,
  FunctionEntity,
];
