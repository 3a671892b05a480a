import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type ExportPage, FileChanged, badRequest } from '@plein/contracts';
import { fileIndexed } from './file.views.js';
import { FileRepository } from './repositories/file.repository.js';

/** What search rebuilds from: every file not in the trash, as `file.changed` data; the cursor is the last id. */
@Injectable()
export class SearchExportService {
  constructor(private readonly em: EntityManager) {}

  async page(cursor: string | undefined, limit: number): Promise<ExportPage> {
    if (cursor && !/^[0-9a-f-]{36}$/.test(cursor)) throw badRequest('Not a cursor of this export');
    const repo = new FileRepository(this.em);
    const rows = await repo.exportPage(cursor, limit);
    const current = await repo.current(rows);
    const items = rows.flatMap((f) => {
      const v = current.get(f.id);
      return v ? [{ event: FileChanged.type, data: fileIndexed(f, v) }] : [];
    });
    return rows.length === limit ? { items, nextCursor: rows[rows.length - 1]!.id } : { items };
  }
}
