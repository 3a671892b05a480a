import { ActivityCreated, ActivityDeleted, type ActivityIndexed, ActivityUpdated } from '@plein/contracts';
import type { SearchDocument } from '../engine/search-document.js';
import { type EventMeta, type EventMapper, type IndexChange, mapper } from './mappers.js';

/**
 * An activity is found by its title, place and description, in its intranet and audience (a group activity only by
 * the group's members). Its events carry no participants: search can never tell who signed up.
 */
function activity(a: ActivityIndexed, meta: EventMeta): IndexChange[] {
  const document: SearchDocument = {
    type: 'activity',
    id: a.activityId,
    intranet: a.intranet,
    audience: a.audience,
    groupId: a.groupId,
    authorId: a.organiserId,
    namedUserIds: [],
    hidden: false,
    title: a.title,
    body: [a.location, a.description].filter((s) => s.trim()).join('\n\n'),
    updatedAt: meta.occurredAt,
  };
  return [
    {
      kind: 'replace',
      ref: { type: 'activity', id: a.activityId },
      documents: [document],
      updatedAt: meta.occurredAt,
    },
  ];
}

export const ACTIVITIES_MAPPERS: EventMapper[] = [
  mapper({ event: ActivityCreated, purpose: 'activities-activity-created', map: activity }),
  mapper({ event: ActivityUpdated, purpose: 'activities-activity-updated', map: activity }),
  mapper({
    event: ActivityDeleted,
    purpose: 'activities-activity-deleted',
    map: (d) => [{ kind: 'remove', refs: [{ type: 'activity', id: d.activityId }] }],
  }),
];
