import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type Principal, badRequest, notFound } from '@plein/contracts';
import { People, personInactive } from './people.service.js';

/** Whom a person follows (idempotent). One id everywhere: identity's user id. */
@Injectable()
export class FollowService {
  constructor(
    private readonly em: EntityManager,
    private readonly people: People,
  ) {}

  async list(principal: Principal) {
    const rows = await this.em.execute<{ id: string; display_name: string }[]>(
      `select u.id, u.display_name from timelines.follows f join timelines.users u on u.id = f.followee_id
       where f.follower_id = ? order by u.display_name, u.id`,
      [principal.userId],
    );
    return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name })) };
  }

  async follow(principal: Principal, userId: string): Promise<{ ok: true }> {
    if (userId === principal.userId) throw badRequest('You cannot follow yourself');
    await this.people.remember(principal);
    const person = (await this.people.resolve([userId], principal)).get(userId);
    if (!person) throw notFound('No such person');
    // existing follows of someone deactivated stay (they come back with the person); new ones are refused
    if (!person.active) throw personInactive([userId], 'followed');
    await this.em.execute(
      'insert into timelines.follows (follower_id, followee_id) values (?, ?) on conflict do nothing',
      [principal.userId, userId],
    );
    return { ok: true };
  }

  async unfollow(principal: Principal, userId: string): Promise<{ ok: true }> {
    await this.em.execute('delete from timelines.follows where follower_id = ? and followee_id = ?', [
      principal.userId,
      userId,
    ]);
    return { ok: true };
  }
}
