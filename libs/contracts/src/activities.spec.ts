import { describe, expect, it } from 'vitest';
import { ActivityCreate, ActivityPatch } from './activities.js';

const valid = {
  title: 'Samen koken',
  location: 'De Kajuit',
  startsAt: '2027-03-02T16:00:00+01:00',
  endsAt: '2027-03-02T19:00:00+01:00',
  capacity: 8,
};
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('ActivityCreate', () => {
  it('takes a plain activity, with the description defaulting to empty', () => {
    expect(ActivityCreate.parse(valid)).toMatchObject({ ...valid, description: '' });
  });

  it('refuses a negative or zero capacity, an end before the start, a deadline after the start', () => {
    expect(issues(ActivityCreate.safeParse({ ...valid, capacity: -1 }))).toEqual([
      'capacity: must be at least 1',
    ]);
    expect(issues(ActivityCreate.safeParse({ ...valid, capacity: 0 }))).toEqual([
      'capacity: must be at least 1',
    ]);
    expect(issues(ActivityCreate.safeParse({ ...valid, capacity: 2.5 }))).toEqual([
      'capacity: must be a whole number',
    ]);
    expect(issues(ActivityCreate.safeParse({ ...valid, endsAt: valid.startsAt }))).toEqual([
      'endsAt: endsAt must be after startsAt',
    ]);
    expect(
      issues(ActivityCreate.safeParse({ ...valid, signupDeadline: '2027-03-02T17:00:00+01:00' })),
    ).toEqual(['signupDeadline: signupDeadline must not be after startsAt']);
    expect(ActivityCreate.safeParse({ ...valid, repeatWeekly: 27 }).success).toBe(false);
    expect(ActivityCreate.safeParse({ ...valid, organiserId: 'x' }).success).toBe(false);
  });

  it('an image needs a safe link and a description of what is on it', () => {
    expect(
      ActivityCreate.safeParse({ ...valid, image: { url: 'javascript:alert(1)', alt: 'x' } }).success,
    ).toBe(false);
    expect(
      ActivityCreate.safeParse({ ...valid, image: { url: 'https://example.org/a.jpg', alt: '' } }).success,
    ).toBe(false);
    expect(
      ActivityCreate.safeParse({ ...valid, image: { url: '/api/files/1/content', alt: 'Een pan soep' } })
        .success,
    ).toBe(true);
  });
});

describe('ActivityPatch', () => {
  it('needs something to change, and checks the order of start and end when both come', () => {
    expect(ActivityPatch.safeParse({}).success).toBe(false);
    expect(ActivityPatch.safeParse({ capacity: -2 }).success).toBe(false);
    expect(ActivityPatch.safeParse({ startsAt: valid.endsAt, endsAt: valid.startsAt }).success).toBe(false);
    expect(ActivityPatch.parse({ capacity: 12 })).toEqual({ capacity: 12 });
  });
});
