import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { type Principal, type RebuildResult, exportForSearch, forbidden } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { SEARCH_ENGINE, type SearchEngine } from './engine/search-engine.js';
import { IndexWriter } from './indexing/index-writer.js';
import { EVENT_MAPPERS } from './indexing/registry.js';
import { SEARCH_NATS_CLIENT } from './nats-client.js';
import { SEARCH_CONFIG, type SearchConfig } from './search.config.js';

/**
 * Throws the index away and rebuilds it from the owning services: each answers `<service>.search.export`
 * with its current state as the data of its own events, which goes through the same mappers as live events.
 */
@Injectable()
export class RebuildService {
  private readonly logger = new Logger('RebuildService');

  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    @Inject(SEARCH_NATS_CLIENT) private readonly nats: ClientProxy,
    @Inject(SEARCH_CONFIG) private readonly config: SearchConfig,
    private readonly writer: IndexWriter,
  ) {}

  async rebuild(principal: Principal): Promise<RebuildResult> {
    if (principal.realm !== 'staff' || !principal.roles.includes('admin'))
      throw forbidden('Rebuilding search needs the admin role');
    await this.engine.clear();
    const meta = { occurredAt: new Date().toISOString() };
    const sources: Record<string, number> = {};
    for (const service of this.config.SEARCH_SOURCES) {
      let cursor: string | undefined;
      let n = 0;
      do {
        const page = await callRpc(
          this.nats,
          exportForSearch(service),
          { cursor, limit: 500 },
          undefined,
          30_000,
        );
        for (const item of page.items) {
          const m = EVENT_MAPPERS.find((x) => x.event.type === item.event);
          if (!m) continue;
          await this.writer.apply(m.map(m.event.data.parse(item.data), meta));
          n++;
        }
        cursor = page.nextCursor;
      } while (cursor);
      sources[service] = n;
    }
    const indexed = await this.engine.count();
    this.logger.log(`rebuilt the search index: ${indexed} documents from ${JSON.stringify(sources)}`);
    return { indexed, sources };
  }
}
