import { Inject, Injectable } from '@nestjs/common';
import { SEARCH_ENGINE, type SearchEngine } from '../engine/search-engine.js';
import type { IndexChange } from './mappers.js';

/** Applies index changes to the engine. */
@Injectable()
export class IndexWriter {
  constructor(@Inject(SEARCH_ENGINE) private readonly engine: SearchEngine) {}

  async apply(changes: IndexChange[]): Promise<void> {
    for (const change of changes) {
      switch (change.kind) {
        case 'upsert':
          await this.engine.upsert(change.documents);
          break;
        case 'replace':
          await this.engine.replace(change.ref, change.documents, change.updatedAt);
          break;
        case 'remove':
          await this.engine.remove(change.refs);
          break;
        case 'hide':
          await this.engine.setHidden(change.ref, change.hidden);
          break;
        case 'child':
          await this.engine.upsertChild(change.parents, change.document);
          break;
      }
    }
  }
}
