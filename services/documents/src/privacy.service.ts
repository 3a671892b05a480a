import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EntityManager as Em } from '@mikro-orm/postgresql';
import { ErasureRequested, type PersonalData } from '@plein/contracts';
import { type ConsumerSpec, confirmErasure } from '@plein/messaging';
import { SERVICE } from './documents.config.js';
import { FileRepository } from './repositories/file.repository.js';
import { FolderRepository } from './repositories/folder.repository.js';

/**
 * The right to erasure: documents a person owns stay with their folder (their team, their group, the
 * organisation) — the owner becomes nobody, and every trace of who uploaded a version, made a folder or put a
 * file in the trash is removed. Documents hold no names, only ids, so nothing else names them. In one
 * transaction with the confirmation; a redelivered request changes nothing and confirms again.
 */
export async function erasePerson(
  tx: EntityManager,
  data: typeof ErasureRequested.data._output,
): Promise<void> {
  const files = await new FileRepository(tx).forgetPerson(data.userId);
  const folders = await new FolderRepository(tx).forgetCreator(data.userId);
  confirmErasure(tx, SERVICE, data, {
    anonymised: {
      ownedFiles: files.files,
      uploadedVersions: files.versions,
      trashedFiles: files.deletions,
      folders,
    },
  });
}

export const erasureConsumers: ConsumerSpec<typeof ErasureRequested.data>[] = [
  { durable: 'documents-erasure', event: ErasureRequested, handle: (tx, d) => erasePerson(tx, d) },
];

/** Everything documents holds about one person: the files they own, the versions they uploaded, their folders. */
@Injectable()
export class PrivacyService {
  constructor(private readonly em: Em) {}

  async export(userId: string): Promise<PersonalData> {
    const files = new FileRepository(this.em);
    const [owned, versions, folders] = await Promise.all([
      files.owned(userId),
      files.uploadedVersions(userId),
      new FolderRepository(this.em).byCreator(userId),
    ]);
    return {
      service: 'documents',
      sections: {
        files: owned.map((f) => ({
          id: f.id,
          folderId: f.folderId,
          title: f.title,
          description: f.description,
          tags: f.tags,
          createdAt: f.createdAt.toISOString(),
          deletedAt: f.deletedAt ? f.deletedAt.toISOString() : null,
        })),
        versions: versions.map((v) => ({
          fileId: v.fileId,
          n: v.n,
          name: v.name,
          size: Number(v.size),
          sha256: v.sha256,
          mimeType: v.mimeType,
          uploadedAt: v.createdAt.toISOString(),
        })),
        folders: folders.map((f) => ({ id: f.id, name: f.name, createdAt: f.createdAt.toISOString() })),
      },
    };
  }
}
