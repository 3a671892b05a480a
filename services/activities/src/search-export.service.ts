import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ActivityUpdated, type ExportPage, badRequest } from '@plein/contracts';
import { indexedOf } from './activity.views.js';
import { ActivityRepository } from './repositories/activity.repository.js';

/** What search rebuilds from: every activity as `activity.updated` data, a page at a time (cursor: last id). */
@Injectable()
export class SearchExportService {
  constructor(private readonly em: EntityManager) {}

  async page(cursor: string | undefined, limit: number): Promise<ExportPage> {
    if (cursor !== undefined && !/^[0-9a-f-]{36}$/.test(cursor))
      throw badRequest('Not a cursor of this export');
    const rows = await new ActivityRepository(this.em).exportPage(cursor, limit);
    const items = rows.map((a) => ({ event: ActivityUpdated.type, data: indexedOf(a) }));
    const last = rows[rows.length - 1];
    return rows.length === limit && last ? { items, nextCursor: last.id } : { items };
  }
}
