import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * deploy/nats's files kept in step: the test NATS has exactly the production users plus the test-only one, every
 * user's password is an environment variable with a local default, and every durable consumer is granted whole
 * (create on its one event, info, next message, ack). The permissions themselves are tested against a real
 * nats-server in e2e/nats-permissions.e2e-spec.ts.
 */
const DIR = resolve(import.meta.dirname, '../../../deploy/nats');
const read = (file: string) => readFileSync(resolve(DIR, file), 'utf8');
const users = (conf: string) =>
  [...conf.matchAll(/\{ user: ([\w-]+), password: \$(\w+)(?:, permissions: \$(\w+))? \}/g)].map((m) => ({
    user: m[1]!,
    password: m[2]!,
    permissions: m[3],
  }));

describe('deploy/nats', () => {
  const production = users(read('nats-server.conf'));
  const test = users(read('nats-test.conf'));

  it('gives the test NATS the production users, plus plein-test, which production lacks', () => {
    expect(production.map((u) => u.user)).toEqual(
      expect.arrayContaining(['gateway', 'identity', 'directory', 'timelines', 'search']),
    );
    expect(test).toEqual([
      ...production,
      { user: 'plein-test', password: 'NATS_TEST_PASSWORD', permissions: undefined },
    ]);
    expect(production.every((u) => u.permissions !== undefined)).toBe(true);
  });

  it('takes every password from NATS_<USER>_PASSWORD, with a local default in local.env', () => {
    const local = read('local.env');
    for (const u of test) {
      if (u.user !== 'plein-test') expect(u.password).toBe(`NATS_${u.user.toUpperCase()}_PASSWORD`);
      expect(local).toMatch(new RegExp(`^${u.password}=\\S+$`, 'm'));
    }
  });

  it('grants each durable consumer whole: create on its event, info, next, ack', () => {
    const permissions = read('permissions.conf');
    const created = [
      ...permissions.matchAll(/"\$JS\.API\.CONSUMER\.CREATE\.PLEIN\.([\w-]+)\.(plein\.[\w.-]+)"/g),
    ];
    expect(created.length).toBeGreaterThan(0);
    for (const [, durable] of created) {
      expect(permissions).toContain(`"$JS.API.CONSUMER.INFO.PLEIN.${durable}"`);
      expect(permissions).toContain(`"$JS.API.CONSUMER.MSG.NEXT.PLEIN.${durable}"`);
      expect(permissions).toContain(`"$JS.ACK.PLEIN.${durable}.>"`);
    }
    // no wildcard in a consumer's name: that would let a service read another's consumer
    expect(permissions).not.toMatch(/CONSUMER\.[A-Z.]*PLEIN\.[*>]/);
  });
});
