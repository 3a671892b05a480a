import { Inject, Injectable } from '@nestjs/common';
import { markdownToText } from '@plein/contracts';
import type { ChildDocument, SearchDocument } from '../engine/search-document.js';
import { SEARCH_ENGINE, type SearchEngine } from '../engine/search-engine.js';
import { cutLongWords } from '../engine/words.js';
import type { IndexChange } from './mappers.js';

/**
 * What the index holds is text, not Markdown: `**Nieuwe werkwijze**` is indexed, found and shown in snippets
 * as "Nieuwe werkwijze". Every service's text passes here, whichever mapper made the document.
 */
export function plainText<D extends SearchDocument | ChildDocument>(d: D): D {
  return { ...d, title: cutLongWords(markdownToText(d.title)), body: cutLongWords(markdownToText(d.body)) };
}

/** Applies index changes to the engine, as plain text. */
@Injectable()
export class IndexWriter {
  constructor(@Inject(SEARCH_ENGINE) private readonly engine: SearchEngine) {}

  async apply(changes: IndexChange[]): Promise<void> {
    for (const change of changes) {
      switch (change.kind) {
        case 'upsert':
          await this.engine.upsert(change.documents.map(plainText));
          break;
        case 'replace':
          await this.engine.replace(change.ref, change.documents.map(plainText), change.updatedAt);
          break;
        case 'remove':
          await this.engine.remove(change.refs);
          break;
        case 'hide':
          await this.engine.setHidden(change.ref, change.hidden);
          break;
        case 'child':
          await this.engine.upsertChild(change.parents, plainText(change.document));
          break;
      }
    }
  }
}
