import { describe, expect, it } from 'vitest';
import { ConfigError, DatabaseEnv, NatsEnv, loadConfig } from './index.js';

describe('loadConfig', () => {
  const Schema = DatabaseEnv.extend(NatsEnv.shape);

  it('names each missing or bad variable', () => {
    expect(() => loadConfig(Schema, { NATS_URL: 'http://wrong' })).toThrow(ConfigError);
    try {
      loadConfig(Schema, { NATS_URL: 'http://wrong' });
    } catch (err) {
      expect((err as Error).message).toContain('DATABASE_URL (not set)');
      expect((err as Error).message).toContain('NATS_URL (set)');
      expect((err as Error).message).toContain('NATS_USER (not set)');
      expect((err as Error).message).toContain('NATS_PASSWORD (not set)');
    }
  });

  it('applies defaults and accepts good values', () => {
    expect(
      loadConfig(Schema, {
        DATABASE_URL: 'postgres://u@h/db',
        NATS_USER: 'identity',
        NATS_PASSWORD: 'secret',
      }),
    ).toEqual({
      DATABASE_URL: 'postgres://u@h/db',
      NATS_URL: 'nats://127.0.0.1:4222',
      NATS_USER: 'identity',
      NATS_PASSWORD: 'secret',
    });
  });
});
