import { ConfigError } from '@plein/config';
import { describe, expect, it } from 'vitest';
import { loadIdentityConfig } from './identity.config.js';

const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/plein',
  NATS_USER: 'identity',
  NATS_PASSWORD: 'secret',
};

describe('identity configuration', () => {
  it('needs the sync client secret while the sync is on, and names the variable', () => {
    expect(() => loadIdentityConfig(base)).toThrow(ConfigError);
    expect(() => loadIdentityConfig(base)).toThrow(
      /KEYCLOAK_SYNC_CLIENT_SECRET \(not set\): required while KEYCLOAK_SYNC=on/,
    );
    expect(loadIdentityConfig({ ...base, KEYCLOAK_SYNC: 'off' }).KEYCLOAK_SYNC).toBe('off');
  });

  it('defaults: both realms, every 300 s, client plein-identity', () => {
    const config = loadIdentityConfig({ ...base, KEYCLOAK_SYNC_CLIENT_SECRET: 's' });
    expect(config).toMatchObject({
      KEYCLOAK_SYNC: 'on',
      KEYCLOAK_SYNC_CLIENT_ID: 'plein-identity',
      KEYCLOAK_SYNC_INTERVAL_SECONDS: 300,
      KEYCLOAK_SYNC_REALMS: ['staff', 'clients'],
      KEYCLOAK_URL: 'http://localhost:8080',
    });
  });

  it.each([
    ['KEYCLOAK_SYNC_INTERVAL_SECONDS', '5'],
    ['KEYCLOAK_SYNC_INTERVAL_SECONDS', 'often'],
    ['KEYCLOAK_SYNC_REALMS', 'staff,elsewhere'],
    ['KEYCLOAK_SYNC_REALMS', ','],
    ['KEYCLOAK_SYNC', 'yes'],
    ['KEYCLOAK_URL', 'ftp://keycloak'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadIdentityConfig({ ...base, KEYCLOAK_SYNC_CLIENT_SECRET: 's', [name]: value })).toThrow(
      new RegExp(`- ${name} \\(set\\)`),
    );
  });
});
