import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  type Howto as HowtoView,
  HowtoPublished,
  HowtoUnpublished,
  type Principal,
  forbidden,
  notFound,
} from '@plein/contracts';
import { hasAnyRole } from '@plein/auth';
import { recordEvent } from '@plein/messaging';
import type { Howto } from './entities/handbook.entity.js';
import { SERVICE } from './knowledge.config.js';
import { authorOf } from './person-card.js';
import { HowtoRepository } from './repositories/howto.repository.js';
import { PeopleRepository } from './repositories/people.repository.js';
import { PersonFactsRepository } from './repositories/person-facts.repository.js';

/** Staff who write for clients: editors, admins and mentors (who sit next to clients). */
const isWriter = (p: Principal) => p.realm === 'staff' && hasAnyRole(p, ['editor', 'admin', 'mentor']);

/** How-to pages live in the client intranet; in the staff tree they do not exist. */
function clientIntranet(p: Principal): void {
  if (p.intranet !== 'client') throw notFound('How-to pages are in the client intranet');
}

export function recordHowto(tx: EntityManager, h: Howto): void {
  if (h.published)
    recordEvent(
      tx,
      HowtoPublished,
      { howtoId: h.id, title: h.title, body: h.body, publishedAt: h.updatedAt.toISOString() },
      SERVICE,
    );
  else recordEvent(tx, HowtoUnpublished, { howtoId: h.id }, SERVICE);
}

@Injectable()
export class HowtoService {
  constructor(private readonly em: EntityManager) {}

  async list(principal: Principal) {
    clientIntranet(principal);
    const items = await new HowtoRepository(this.em).list(!isWriter(principal));
    const views = await this.views(items, principal);
    return { items: views.map(({ body: _body, ...rest }) => rest) };
  }

  async get(id: string, principal: Principal): Promise<HowtoView> {
    clientIntranet(principal);
    const h = await new HowtoRepository(this.em).find(id);
    if (!h || (!h.published && !isWriter(principal))) throw notFound('No such page');
    return (await this.views([h], principal))[0]!;
  }

  async create(input: { title: string; body: string; published: boolean }, principal: Principal) {
    clientIntranet(principal);
    if (!isWriter(principal)) throw forbidden('Staff (editors, mentors) write the how-to pages');
    return this.em.transactional(async (tx) => {
      await new PeopleRepository(tx).remember(principal);
      const h = new HowtoRepository(tx).create({
        title: input.title.trim(),
        body: input.body,
        published: input.published,
        authorId: principal.userId,
      });
      await tx.flush();
      recordHowto(tx, h);
      return (await this.views([h], principal, tx))[0]!;
    });
  }

  async update(
    id: string,
    patch: { title?: string; body?: string; published?: boolean },
    principal: Principal,
  ) {
    clientIntranet(principal);
    if (!isWriter(principal)) throw forbidden('Staff (editors, mentors) write the how-to pages');
    return this.em.transactional(async (tx) => {
      const h = await new HowtoRepository(tx).find(id, true);
      if (!h) throw notFound('No such page');
      await new PeopleRepository(tx).remember(principal);
      if (patch.title !== undefined) h.title = patch.title.trim();
      if (patch.body !== undefined) h.body = patch.body;
      if (patch.published !== undefined) h.published = patch.published;
      h.authorId = principal.userId;
      await tx.flush();
      recordHowto(tx, h);
      return (await this.views([h], principal, tx))[0]!;
    });
  }

  private async views(items: Howto[], principal: Principal, em = this.em): Promise<HowtoView[]> {
    const people = await new PersonFactsRepository(em).byIds(
      items.flatMap((h) => (h.authorId ? [h.authorId] : [])),
    );
    return items.map((h) => ({
      id: h.id,
      title: h.title,
      body: h.body,
      published: h.published,
      author: h.authorId ? authorOf(people.get(h.authorId), principal) : null,
      updatedAt: h.updatedAt.toISOString(),
      canEdit: isWriter(principal),
    }));
  }
}
