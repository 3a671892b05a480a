import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type ExportPage, HowtoPublished, QuestionUpdated, badRequest } from '@plein/contracts';
import { recordedArticle } from './search-export.views.js';
import { QuestionViews } from './question.views.js';
import { HandbookRepository } from './repositories/handbook.repository.js';
import { HowtoRepository } from './repositories/howto.repository.js';
import { QuestionRepository } from './repositories/question.repository.js';

type Part = 'q' | 'a' | 'h';
const ORDER: Part[] = ['q', 'a', 'h'];

/**
 * What search rebuilds from: every question (as `question.updated` data), every published article (as
 * `article.published`) and every published how-to page (as `howto.published`), a page at a time.
 * The cursor is `<part>:<last id>`.
 */
@Injectable()
export class SearchExportService {
  constructor(private readonly em: EntityManager) {}

  async page(cursor: string | undefined, limit: number): Promise<ExportPage> {
    let part: Part = 'q';
    let after: string | undefined;
    if (cursor) {
      const m = /^([qah]):([0-9a-f-]{36})?$/.exec(cursor);
      if (!m) throw badRequest('Not a cursor of this export');
      part = m[1] as Part;
      after = m[2];
    }
    for (let i = ORDER.indexOf(part); i < ORDER.length; i++) {
      const p = ORDER[i]!;
      const items = await this.part(p, i === ORDER.indexOf(part) ? after : undefined, limit);
      if (items.ids.length === limit)
        return { items: items.items, nextCursor: `${p}:${items.ids[items.ids.length - 1]}` };
      if (items.ids.length > 0) {
        const next = ORDER[i + 1];
        return next ? { items: items.items, nextCursor: `${next}:` } : { items: items.items };
      }
    }
    return { items: [] };
  }

  private async part(p: Part, after: string | undefined, limit: number) {
    switch (p) {
      case 'q': {
        const rows = await new QuestionRepository(this.em).exportPage(after, limit);
        const views = new QuestionViews(this.em);
        const items = [];
        for (const q of rows) items.push({ event: QuestionUpdated.type, data: await views.indexed(q) });
        return { ids: rows.map((r) => r.id), items };
      }
      case 'a': {
        const repo = new HandbookRepository(this.em);
        const rows = await repo.exportPage(after, limit);
        const versions = await repo.publishedVersions(rows);
        const items = rows.flatMap((a) => {
          const v = versions.get(a.id);
          return v ? [recordedArticle(a, v)] : [];
        });
        return { ids: rows.map((r) => r.id), items };
      }
      case 'h': {
        const rows = await new HowtoRepository(this.em).exportPage(after, limit);
        const items = rows.map((h) => ({
          event: HowtoPublished.type,
          data: { howtoId: h.id, title: h.title, body: h.body, publishedAt: h.updatedAt.toISOString() },
        }));
        return { ids: rows.map((r) => r.id), items };
      }
    }
  }
}
