import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Principal, Realm } from '@plein/contracts';
import { uuidArrayLiteral } from '@plein/auth';

export interface KnownUser {
  id: string;
  realm: Realm;
  username: string;
  display_name: string;
}

/**
 * The people timelines knows: mirrored from `plein.identity.user.provisioned` (users.consumer.ts) and
 * from the principal of everyone who writes here, so authors always have a name.
 */
@Injectable()
export class People {
  constructor(private readonly em: EntityManager) {}

  async remember(principal: Principal, em: EntityManager = this.em): Promise<void> {
    await upsertUser(em, {
      id: principal.userId,
      realm: principal.realm,
      username: principal.username,
      display_name: principal.displayName || principal.username,
    });
  }

  async find(ids: readonly string[], em: EntityManager = this.em): Promise<Map<string, KnownUser>> {
    if (ids.length === 0) return new Map();
    const rows = await em.execute<KnownUser[]>(
      'select id, realm, username, display_name from timelines.users where id = any(?::uuid[])',
      [uuidArrayLiteral(ids)],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}

export async function upsertUser(em: EntityManager, user: KnownUser): Promise<void> {
  await em.execute(
    `insert into timelines.users (id, realm, username, display_name) values (?, ?, ?, ?)
     on conflict (id) do update set username = excluded.username, display_name = excluded.display_name, updated_at = now()
     where (users.username, users.display_name) is distinct from (excluded.username, excluded.display_name)`,
    [user.id, user.realm, user.username, user.display_name],
  );
}
