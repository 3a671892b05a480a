import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PleinError, type Principal } from '@plein/contracts';
import { People, personInactive } from './people.service.js';
import { PersonCards } from './person.cards.js';
import type { PostRow } from './post.rows.js';
import { ReaderContexts, readable } from './reader.context.js';

/**
 * Mentions: every mentioned person must be able to see the post, by the same rule; otherwise the post is refused
 * (a mention is a notification, and a notification about a post one cannot read would leak it).
 * A deactivated person cannot be mentioned at all (422 `person_inactive`). Someone timelines has not learnt
 * of yet is asked of identity (`People.resolve`).
 */
@Injectable()
export class MentionCheck {
  constructor(
    private readonly readers: ReaderContexts,
    private readonly people: People,
    private readonly cards: PersonCards,
  ) {}

  /** The people the post may mention (the author left out), or a 400/422 naming who it may not. */
  async check(
    tx: EntityManager,
    principal: Principal,
    mentions: string[],
    post: Pick<PostRow, 'intranet' | 'audience' | 'group_id' | 'author_id' | 'hidden' | 'named_user_ids'>,
  ): Promise<string[]> {
    const ids = mentions.filter((m) => m !== principal.userId);
    if (ids.length === 0) return [];
    const known = await this.people.resolve(ids, principal, tx);
    // someone the author may not know of is answered as an id that does not exist (person rule)
    const book = await this.cards.book(principal, ids, tx, known);
    const inactive = ids.filter((id) => known.get(id)?.active === false && book.mayKnow(id));
    if (inactive.length > 0) throw personInactive(inactive, 'mentioned');
    const refused: string[] = [];
    for (const id of ids) {
      const user = known.get(id);
      if (!user || !book.mayKnow(id)) {
        refused.push(id);
        continue;
      }
      const ctx = await this.readers.ofUser(user, post.intranet, tx);
      if (!readable(ctx, post)) refused.push(id);
    }
    if (refused.length > 0)
      throw new PleinError(
        400,
        'mention_not_allowed',
        'A mentioned person cannot see this post; change the audience or the mention',
        {
          userIds: refused,
        },
      );
    return ids;
  }
}
