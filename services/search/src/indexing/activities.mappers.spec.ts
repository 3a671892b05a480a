import { ActivityCreated, ActivityDeleted } from '@plein/contracts';
import { describe, expect, it } from 'vitest';
import { ACTIVITIES_MAPPERS } from './activities.mappers.js';

const meta = { occurredAt: '2026-12-15T10:00:00.000Z' };
const activity = {
  activityId: '00000000-0000-4000-8000-000000000001',
  intranet: 'staff' as const,
  audience: 'group' as const,
  groupId: '00000000-0000-4000-8000-000000000002',
  organiserId: '00000000-0000-4000-8000-000000000003',
  title: 'Teamlunch',
  description: 'Met soep',
  location: 'Kantine',
  startsAt: '2026-12-20T12:00:00.000Z',
  endsAt: '2026-12-20T13:00:00.000Z',
};
const mapperOf = (type: string) => ACTIVITIES_MAPPERS.find((m) => m.event.type === type)!;

describe('activities in search', () => {
  it('an activity keeps its intranet and audience, and is found by its place and description', () => {
    const [change] = mapperOf(ActivityCreated.type).map(activity, meta);
    expect(change).toMatchObject({
      kind: 'replace',
      documents: [
        {
          type: 'activity',
          id: activity.activityId,
          intranet: 'staff',
          audience: 'group',
          groupId: activity.groupId,
          authorId: activity.organiserId,
          hidden: false,
          title: 'Teamlunch',
          body: 'Kantine\n\nMet soep',
        },
      ],
    });
  });

  it('a removed activity leaves the index', () => {
    expect(mapperOf(ActivityDeleted.type).map({ activityId: activity.activityId }, meta)).toEqual([
      { kind: 'remove', refs: [{ type: 'activity', id: activity.activityId }] },
    ]);
  });
});
