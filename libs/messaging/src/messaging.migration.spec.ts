import { describe, expect, it } from 'vitest';
import { messagingTablesSql } from './messaging.migration.js';

describe('messagingTablesSql', () => {
  it("creates the outbox, its pending index and the inbox in the service's schema, and drops them", () => {
    const { up, down } = messagingTablesSql('knowledge');
    expect(up).toHaveLength(3);
    expect(up[0]).toMatch(/^create table "knowledge"\."outbox"/);
    expect(up[1]).toContain('on "knowledge"."outbox" ("seq") where "published_at" is null');
    expect(up[2]).toMatch(/^create table "knowledge"\."inbox"[\s\S]*primary key \("consumer", "event_id"\)/);
    expect(down).toEqual(['drop table "knowledge"."inbox"', 'drop table "knowledge"."outbox"']);
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => messagingTablesSql('x"; drop schema public; --')).toThrow(/invalid schema/);
  });
});
