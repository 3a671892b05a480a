import { ACTIVITIES_MAPPERS } from './activities.mappers.js';
import { DIRECTORY_MAPPERS } from './directory.mappers.js';
import { DOCUMENTS_MAPPERS } from './documents.mappers.js';
import { KNOWLEDGE_MAPPERS } from './knowledge.mappers.js';
import type { EventMapper } from './mappers.js';
import { TIMELINES_MAPPERS } from './timelines.mappers.js';

/**
 * Every event search is fed by, and what it does to the index. Content services add their events here
 * as they land; rebuild replays their exported state through the same mappers.
 */
export const EVENT_MAPPERS: EventMapper[] = [
  ...DIRECTORY_MAPPERS,
  ...TIMELINES_MAPPERS,
  ...KNOWLEDGE_MAPPERS,
  ...ACTIVITIES_MAPPERS,
  ...DOCUMENTS_MAPPERS,
];
