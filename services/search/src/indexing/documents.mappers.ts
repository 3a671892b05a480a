import { FileChanged, type FileIndexed, FileRemoved } from '@plein/contracts';
import type { EventMeta, EventMapper, IndexChange } from './mappers.js';
import { mapper } from './mappers.js';

/**
 * A document is found by its title, description, tags, file name and the text of its current version, with
 * the visibility of its folder (an intranet, the organisation or one group); its owner counts as its author.
 * In the trash it leaves the index; restored, it comes back.
 */
function document(f: FileIndexed, meta: EventMeta): IndexChange[] {
  return [
    {
      kind: 'replace',
      ref: { type: 'document', id: f.fileId },
      documents: [
        {
          type: 'document',
          id: f.fileId,
          intranet: f.intranet,
          audience: f.audience,
          groupId: f.groupId,
          authorId: f.ownerId,
          namedUserIds: [],
          hidden: false,
          title: f.title,
          body: [f.description, f.tags.join(' '), f.name, f.text].filter((s) => s.trim()).join('\n\n'),
          updatedAt: meta.occurredAt,
        },
      ],
      updatedAt: meta.occurredAt,
    },
  ];
}

export const DOCUMENTS_MAPPERS: EventMapper[] = [
  mapper({ event: FileChanged, purpose: 'documents-file-changed', map: document }),
  mapper({
    event: FileRemoved,
    purpose: 'documents-file-removed',
    map: (d) => [{ kind: 'remove', refs: [{ type: 'document', id: d.fileId }] }],
  }),
];
