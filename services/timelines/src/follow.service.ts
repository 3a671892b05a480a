import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type Principal, badRequest, notFound } from '@plein/contracts';
import { People, personInactive } from './people.service.js';
import { PersonCards } from './person.cards.js';
import { PeopleRepository } from './repositories/people.repository.js';

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
    const ids = await new PeopleRepository(this.em).followees(principal.userId);
    const people = await this.cards.book(principal, ids);
    const items = ids.flatMap((id) => people.card(id) ?? []);
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
    await new PeopleRepository(this.em).follow(principal.userId, userId);
    return { ok: true };
  }

  async unfollow(principal: Principal, userId: string): Promise<{ ok: true }> {
    await new PeopleRepository(this.em).unfollow(principal.userId, userId);
    return { ok: true };
  }
}
