import type { AccountState, Realm, UserClaims } from '@plein/contracts';
import { createLogger } from '@plein/config';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decideAccountStates } from './account-state.decision.js';
import { KeycloakSync, type SyncTarget } from './keycloak-sync.service.js';

const person = (subject: string, enabled = true): UserClaims & { enabled: boolean } => ({
  realm: 'staff',
  subject,
  username: subject,
  displayName: subject,
  roles: ['employee'],
  enabled,
});

/** A Keycloak that lists the given people; `failAfter` throws after that many (a page that failed). */
function fakeKeycloak(
  people: () => (UserClaims & { enabled: boolean })[],
  options: { failFirst?: boolean; failAfter?: number; existing?: Set<string>; existsFails?: boolean } = {},
) {
  let calls = 0;
  const asked: string[] = [];
  return {
    calls: () => calls,
    asked,
    client: {
      // eslint-disable-next-line @typescript-eslint/require-await
      async *users() {
        calls++;
        if (options.failFirst && calls === 1) throw new Error('Keycloak is down');
        let n = 0;
        for (const p of people()) {
          if (options.failAfter !== undefined && n++ >= options.failAfter) throw new Error('page 2 failed');
          yield p;
        }
      },
      exists: (_realm: Realm, subject: string) => {
        asked.push(subject);
        if (options.existsFails) return Promise.reject(new Error('Keycloak is down'));
        return Promise.resolve(options.existing?.has(subject) ?? false);
      },
    },
  };
}

/** Plein's users in memory, as identity would keep them. */
function fakeTarget(initial: Record<string, AccountState> = {}) {
  const states = new Map(Object.entries(initial));
  const ensured: string[] = [];
  const events: string[] = [];
  const target: SyncTarget = {
    ensure: (claims) => {
      expect(claims).not.toHaveProperty('enabled');
      if (states.get(claims.subject) !== undefined && states.get(claims.subject) !== 'active')
        return Promise.reject(new Error('account_inactive'));
      ensured.push(claims.subject);
      if (!states.has(claims.subject)) states.set(claims.subject, 'active');
      return Promise.resolve();
    },
    known: () => Promise.resolve([...states].map(([subject, state]) => ({ subject, state }))),
    setState: (_realm, subject, state) => {
      if (!states.has(subject) || states.get(subject) === state) return Promise.resolve(false);
      states.set(subject, state);
      events.push(`${subject}:${state}`);
      return Promise.resolve(true);
    },
  };
  return { target, states, ensured, events };
}

const silent = createLogger('sync-spec', 'silent');

afterEach(() => {
  vi.useRealTimers();
});

describe('KeycloakSync scheduling', () => {
  it('runs at start and then every interval; a failed pass is retried at the next one', async () => {
    vi.useFakeTimers();
    const keycloak = fakeKeycloak(() => [person('a'), person('b')], { failFirst: true });
    const plein = fakeTarget();
    const sync = new KeycloakSync(keycloak.client, plein.target, ['staff'], 60_000, silent);
    sync.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(keycloak.calls()).toBe(1); // at start (failed)
    expect(plein.ensured).toEqual([]);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(keycloak.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(keycloak.calls()).toBe(2);
    expect(plein.ensured).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(keycloak.calls()).toBe(3);
    await sync.stop();
    await vi.advanceTimersByTimeAsync(180_000);
    expect(keycloak.calls()).toBe(3);
  });

  it('a failing user is counted and the pass goes on', async () => {
    const plein = fakeTarget();
    const target: SyncTarget = {
      ...plein.target,
      ensure: (claims) =>
        claims.subject === 'a' ? Promise.reject(new Error('boom')) : plein.target.ensure(claims),
    };
    const sync = new KeycloakSync(
      fakeKeycloak(() => [person('a'), person('b')]).client,
      target,
      ['staff'],
      60_000,
      silent,
    );
    expect(await sync.runOnce()).toEqual([
      { realm: 'staff', seen: 2, failed: 1, deactivated: 0, reactivated: 0, complete: true },
    ]);
  });
});

describe('KeycloakSync account states', () => {
  it('disables a known user Keycloak lists as disabled, and makes them active again when enabled', async () => {
    let enabled = false;
    const plein = fakeTarget({ a: 'active', b: 'active' });
    const sync = new KeycloakSync(
      fakeKeycloak(() => [person('a', enabled), person('b')]).client,
      plein.target,
      ['staff'],
      60_000,
      silent,
    );
    expect((await sync.runOnce())[0]).toMatchObject({ deactivated: 1, reactivated: 0, failed: 0 });
    expect(plein.states.get('a')).toBe('disabled');
    expect(plein.ensured).toEqual(['b']); // a disabled account's details are not followed
    await sync.runOnce();
    expect(plein.events).toEqual(['a:disabled']); // once
    enabled = true;
    expect((await sync.runOnce())[0]).toMatchObject({ deactivated: 0, reactivated: 1, failed: 0 });
    expect(plein.states.get('a')).toBe('active');
    expect(plein.ensured).toEqual(['b', 'b', 'a', 'b']); // active again before ensure, so ensure accepts them
    expect(plein.events).toEqual(['a:disabled', 'a:active']);
  });

  it('never provisions a disabled user Plein has not seen', async () => {
    const plein = fakeTarget();
    const sync = new KeycloakSync(
      fakeKeycloak(() => [person('new', false)]).client,
      plein.target,
      ['staff'],
      60_000,
      silent,
    );
    await sync.runOnce();
    expect(plein.ensured).toEqual([]);
    expect(plein.states.size).toBe(0);
    expect(plein.events).toEqual([]);
  });

  it('marks a known user removed when a complete listing lacks them and Keycloak confirms they are gone', async () => {
    const plein = fakeTarget({ a: 'active', gone: 'active', off: 'disabled' });
    const keycloak = fakeKeycloak(() => [person('a')]);
    const sync = new KeycloakSync(keycloak.client, plein.target, ['staff'], 60_000, silent);
    expect((await sync.runOnce())[0]).toMatchObject({ deactivated: 2, complete: true });
    expect(plein.events.sort()).toEqual(['gone:removed', 'off:removed']);
    expect(keycloak.asked.sort()).toEqual(['gone', 'off']);
    // removed stays removed; nobody is asked about again
    keycloak.asked.length = 0;
    await sync.runOnce();
    expect(keycloak.asked).toEqual([]);
    expect(plein.events).toHaveLength(2);
  });

  it('a partial listing (a later page failed) removes nobody, and the pass fails', async () => {
    const plein = fakeTarget({ a: 'active', b: 'active', c: 'active' });
    const keycloak = fakeKeycloak(() => [person('a'), person('b', false), person('c')], { failAfter: 2 });
    const sync = new KeycloakSync(keycloak.client, plein.target, ['staff'], 60_000, silent);
    await expect(sync.runOnce()).rejects.toThrow('page 2 failed');
    expect(plein.states.get('c')).toBe('active');
    expect(keycloak.asked).toEqual([]);
    // what it did list still counts: b is disabled, as Keycloak said
    expect(plein.events).toEqual(['b:disabled']);
  });

  it('a failed listing (first page) removes nobody', async () => {
    const plein = fakeTarget({ a: 'active', b: 'active' });
    const keycloak = fakeKeycloak(() => [], { failFirst: true });
    const sync = new KeycloakSync(keycloak.client, plein.target, ['staff'], 60_000, silent);
    await expect(sync.runOnce()).rejects.toThrow('Keycloak is down');
    expect(plein.events).toEqual([]);
    expect(keycloak.asked).toEqual([]);
  });

  it('a user missing from the listing whom Keycloak still has (pages shifted), or cannot confirm, stays', async () => {
    const plein = fakeTarget({ a: 'active', skipped: 'active' });
    const still = fakeKeycloak(() => [person('a')], { existing: new Set(['skipped']) });
    await new KeycloakSync(still.client, plein.target, ['staff'], 60_000, silent).runOnce();
    expect(still.asked).toEqual(['skipped']);
    expect(plein.states.get('skipped')).toBe('active');

    const down = fakeKeycloak(() => [person('a')], { existsFails: true });
    const [report] = await new KeycloakSync(down.client, plein.target, ['staff'], 60_000, silent).runOnce();
    expect(report).toMatchObject({ failed: 1, deactivated: 0 });
    expect(plein.states.get('skipped')).toBe('active');
  });
});

describe('decideAccountStates', () => {
  const known = [
    { subject: 'a', state: 'active' as const },
    { subject: 'b', state: 'disabled' as const },
    { subject: 'c', state: 'removed' as const },
    { subject: 'd', state: 'active' as const },
  ];

  it('follows enabled and disabled for listed users; removal candidates only from a complete listing', () => {
    const listed = [
      { subject: 'a', enabled: false },
      { subject: 'b', enabled: true },
      { subject: 'c', enabled: true },
      { subject: 'new', enabled: true },
      { subject: 'new-off', enabled: false },
    ];
    expect(decideAccountStates(known, listed, true)).toEqual({
      changes: [
        { subject: 'a', state: 'disabled' },
        { subject: 'b', state: 'active' },
        { subject: 'c', state: 'active' },
      ],
      provision: ['b', 'c', 'new'],
      removalCandidates: ['d'],
    });
    expect(decideAccountStates(known, listed, false).removalCandidates).toEqual([]);
  });

  it('an empty failed listing changes nothing; an empty complete one makes everyone still present a candidate', () => {
    expect(decideAccountStates(known, [], false)).toEqual({
      changes: [],
      provision: [],
      removalCandidates: [],
    });
    expect(decideAccountStates(known, [], true).removalCandidates).toEqual(['a', 'b', 'd']);
  });

  it('a user listed twice with different answers counts as disabled', () => {
    const twice = [
      { subject: 'a', enabled: true },
      { subject: 'a', enabled: false },
    ];
    expect(decideAccountStates(known, twice, true).changes).toEqual([{ subject: 'a', state: 'disabled' }]);
  });
});
