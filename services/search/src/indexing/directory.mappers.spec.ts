import { describe, expect, it } from 'vitest';
import { personViews } from './directory.mappers.js';

const meta = { occurredAt: '2026-12-15T10:00:00.000Z' };
const colleague = {
  userId: '00000000-0000-4000-8000-000000000001',
  realm: 'staff' as const,
  kind: 'staff' as const,
  displayName: 'Wim de Vries',
  firstName: 'Wim',
  functionId: null,
  teamIds: [],
  locationIds: [],
  skills: ['koken'],
  languages: [],
  about: null,
  optedIn: false,
  sharedFields: [],
  hasPhoto: false,
};

describe('personViews and account state', () => {
  it('an active person (or one from an event without the field) has their views; a deactivated one none', () => {
    expect(personViews(colleague, meta).map((d) => d.intranet)).toEqual(['staff', 'client']);
    expect(personViews({ ...colleague, active: true }, meta)).toHaveLength(2);
    expect(personViews({ ...colleague, active: false }, meta)).toEqual([]);
    const client = {
      ...colleague,
      realm: 'clients' as const,
      kind: 'client' as const,
      optedIn: true,
      sharedFields: ['photo' as const],
    };
    expect(personViews(client, meta)).toHaveLength(1);
    expect(personViews({ ...client, active: false }, meta)).toEqual([]);
  });
});
