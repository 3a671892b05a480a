import { describe, expect, it } from 'vitest';
import { isNewSince, previousVisit } from './viewer';

class Memory {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
}

describe('what is new since my last visit', () => {
  it('nothing on a first visit; after a break, what came since the previous visit; a reload keeps it', () => {
    const storage = new Memory() as unknown as Storage;
    const t0 = Date.parse('2026-11-20T09:00:00Z');
    expect(previousVisit('staff:sanne', t0, storage)).toBeUndefined();
    // Back from holiday a week later: everything after the last visit is new.
    const back = t0 + 7 * 86_400_000;
    expect(previousVisit('staff:sanne', back, storage)).toBe('2026-11-20T09:00:00.000Z');
    // A reload ten minutes later is the same visit: the same things stay marked.
    expect(previousVisit('staff:sanne', back + 10 * 60_000, storage)).toBe('2026-11-20T09:00:00.000Z');
    // Another account in the same browser has its own visits, and no user name is stored.
    expect(previousVisit('staff:ahmed', back, storage)).toBeUndefined();
    expect([...(storage as unknown as Memory).data.keys()].join()).not.toMatch(/sanne|ahmed/);
  });

  it('marks posts written after the previous visit only', () => {
    expect(isNewSince('2026-11-21T10:00:00Z', '2026-11-20T09:00:00.000Z')).toBe(true);
    expect(isNewSince('2026-11-19T10:00:00Z', '2026-11-20T09:00:00.000Z')).toBe(false);
    expect(isNewSince('2026-11-21T10:00:00Z', undefined)).toBe(false);
  });
});
