import type { UserClaims } from '@plein/contracts';
import { createLogger } from '@plein/config';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeycloakAdminClient } from './keycloak-admin.client.js';
import { KeycloakSync } from './keycloak-sync.service.js';

const person = (subject: string): UserClaims & { enabled: boolean } => ({
  realm: 'staff',
  subject,
  username: subject,
  displayName: subject,
  roles: ['employee'],
  enabled: true,
});

function fakeKeycloak(failFirst: boolean) {
  let calls = 0;
  return {
    calls: () => calls,
    client: {
      // eslint-disable-next-line @typescript-eslint/require-await
      async *users() {
        calls++;
        if (failFirst && calls === 1) throw new Error('Keycloak is down');
        yield person('a');
        yield person('b');
      },
    } as unknown as KeycloakAdminClient,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('KeycloakSync scheduling', () => {
  it('runs at start and then every interval; a failed pass is retried at the next one', async () => {
    vi.useFakeTimers();
    const keycloak = fakeKeycloak(true);
    const ensured: string[] = [];
    const sync = new KeycloakSync(
      keycloak.client,
      (claims) => {
        ensured.push(claims.subject);
        expect(claims).not.toHaveProperty('enabled');
        return Promise.resolve();
      },
      ['staff'],
      60_000,
      createLogger('sync-spec', 'silent'),
    );
    sync.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(keycloak.calls()).toBe(1); // at start (failed)
    expect(ensured).toEqual([]);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(keycloak.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(keycloak.calls()).toBe(2);
    expect(ensured).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(keycloak.calls()).toBe(3);
    await sync.stop();
    await vi.advanceTimersByTimeAsync(180_000);
    expect(keycloak.calls()).toBe(3);
  });

  it('a failing user is counted and the pass goes on', async () => {
    const sync = new KeycloakSync(
      fakeKeycloak(false).client,
      (claims) => (claims.subject === 'a' ? Promise.reject(new Error('boom')) : Promise.resolve()),
      ['staff'],
      60_000,
      createLogger('sync-spec', 'silent'),
    );
    expect(await sync.runOnce()).toEqual([{ realm: 'staff', seen: 2, failed: 1 }]);
  });
});
