import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type Principal, badRequest, notFound } from '@plein/contracts';
import { People, personInactive } from './people.service.js';
import { PersonCards } from './person.cards.js';

/** Whom a person follows (idempotent). One id everywhere: identity's user id. */
@Injectable()
export class FollowService {
  constructor(
    private readonly em: EntityManager,
    private readonly people: People,
    private readonly cards: PersonCards,
  ) {}

  /** Whom I follow, as the person rule lets me know them now (someone who is nobody to me is left out). */
  async list(principal: Principal) {
    const rows = await this.em.execute<{ id: string }[]>(
      'select f.followee_id as id from timelines.follows f where f.follower_id = ?',
      [principal.userId],
    );
    const people = await this.cards.book(
      principal,
      rows.map((r) => r.id),
    );
    const items = rows.flatMap((r) => people.card(r.id) ?? []);
    items.sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl') || a.id.localeCompare(b.id));
    return { items };
  }

  async follow(principal: Principal, userId: string): Promise<{ ok: true }> {
    if (userId === principal.userId) throw badRequest('You cannot follow yourself');
    await this.people.remember(principal);
    const known = await this.people.resolve([userId], principal);
    const person = known.get(userId);
    // someone the caller may not know of (person rule) gets the same answer as an id that does not exist
    if (!person || !(await this.cards.book(principal, [userId], this.em, known)).mayKnow(userId))
      throw notFound('No such person');
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
