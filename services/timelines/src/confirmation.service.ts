import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { canRead } from '@plein/auth';
import { type Post, type Principal, badRequest, forbidden } from '@plein/contracts';
import { People } from './people.service.js';
import { PersonCards } from './person.cards.js';
import { visibleOf } from './post.rows.js';
import { PostService, isStaffWith } from './post.service.js';
import { ReaderContexts } from './reader.context.js';
import { ReactionRepository } from './repositories/reaction.repository.js';

/** "Gelezen": read confirmations of announcements that ask for them, and who has and has not confirmed. */
@Injectable()
export class ConfirmationService {
  constructor(
    private readonly em: EntityManager,
    private readonly readers: ReaderContexts,
    private readonly people: People,
    private readonly cards: PersonCards,
    private readonly posts: PostService,
  ) {}

  /** Confirms having read an announcement that asks for it. */
  async confirm(principal: Principal, postId: string): Promise<Post> {
    const ctx = await this.readers.of(principal);
    const row = await this.posts.readableRow(ctx, postId);
    if (row.type !== 'announcement' || !row.requires_confirmation)
      throw badRequest('This post does not ask for a read confirmation');
    await this.people.remember(principal);
    await new ReactionRepository(this.em).confirm(postId, principal.userId);
    return this.posts.fresh(principal, postId);
  }

  /** Who has and has not confirmed: everyone Plein knows who can read the announcement. */
  async confirmations(principal: Principal, postId: string) {
    const ctx = await this.readers.of(principal);
    const row = await this.posts.readableRow(ctx, postId);
    if (row.author_id !== principal.userId && !isStaffWith(principal, 'editor'))
      throw forbidden('Only the author and the editorial board see who confirmed');
    const people = await new ReactionRepository(this.em).confirmers(postId, row.intranet);
    const visible = visibleOf(row);
    const readers = people.filter((u) =>
      canRead(
        { principal: { realm: u.realm, userId: u.id, roles: [], groupIds: [] }, follows: () => false },
        visible,
      ),
    );
    const book = await this.cards.book(
      principal,
      readers.map((u) => u.id),
    );
    const cards = (list: typeof readers) => list.flatMap((u) => book.card(u.id) ?? []);
    return {
      confirmed: cards(readers.filter((u) => u.confirmed)),
      notConfirmed: cards(readers.filter((u) => !u.confirmed)),
    };
  }
}
