import { randomUUID } from 'node:crypto';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { StoredBlob } from '@plein/contracts';
import {
  type DocumentFile,
  FileEntity,
  type FileVersion,
  FileVersionEntity,
} from '../entities/file.entity.js';
import type { Folder } from '../entities/folder.entity.js';

/** What was found in a blob when it came in. */
export interface Extracted {
  text?: string | null;
  thumbnailKey?: string | null;
}

/** Files and their versions: the one place that knows how they are stored. */
export class FileRepository {
  constructor(private readonly em: EntityManager) {}

  byId(id: string, lock = false): Promise<DocumentFile | null> {
    return this.em.findOne(FileEntity, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  inFolder(folderId: string): Promise<DocumentFile[]> {
    return this.em.find(
      FileEntity,
      { folderId, deletedAt: null },
      { orderBy: [{ title: 'asc' }, { id: 'asc' }] },
    );
  }

  /** Files in the trash since `since` or later, newest deletion first. */
  trash(intranet: string, since: Date): Promise<DocumentFile[]> {
    return this.em.find(
      FileEntity,
      { intranet: intranet as DocumentFile['intranet'], deletedAt: { $ne: null, $gte: since } },
      { orderBy: { deletedAt: 'desc' }, limit: 500 },
    );
  }

  /** Files deleted before `before`: the trash's expired part. */
  expired(before: Date, limit: number): Promise<DocumentFile[]> {
    return this.em.find(FileEntity, { deletedAt: { $ne: null, $lt: before } }, { limit });
  }

  version(fileId: string, n: number): Promise<FileVersion | null> {
    return this.em.findOne(FileVersionEntity, { fileId, n });
  }

  versions(fileId: string): Promise<FileVersion[]> {
    return this.em.find(FileVersionEntity, { fileId }, { orderBy: { n: 'desc' } });
  }

  /** The current version of each file, by file id. */
  async current(files: DocumentFile[]): Promise<Map<string, FileVersion>> {
    if (files.length === 0) return new Map();
    const rows = await this.em.find(FileVersionEntity, {
      $or: files.map((f) => ({ fileId: f.id, n: f.currentVersion })),
    });
    return new Map(rows.map((v) => [v.fileId, v]));
  }

  /** Written at once, before its first version (entities hold ids, not relations). */
  async create(
    folder: Folder,
    data: { title: string; description: string; tags: string[]; ownerId: string | null },
  ): Promise<DocumentFile> {
    const file = this.em.create(FileEntity, {
      id: randomUUID(),
      folderId: folder.id,
      intranet: folder.intranet,
      audience: folder.audience,
      groupId: folder.groupId,
      title: data.title,
      description: data.description,
      tags: data.tags,
      ownerId: data.ownerId,
      currentVersion: 1,
      deletedAt: null,
      deletedBy: null,
    });
    await this.em.flush();
    return file;
  }

  addVersion(
    file: DocumentFile,
    n: number,
    blob: Omit<StoredBlob, 'key'> & { key: string },
    extracted: Extracted,
    uploadedBy: string | null,
  ): FileVersion {
    file.currentVersion = n;
    return this.em.create(FileVersionEntity, {
      fileId: file.id,
      n,
      blobKey: blob.key,
      size: blob.size,
      sha256: blob.sha256,
      mimeType: blob.mimeType,
      name: blob.name,
      uploadedBy,
      text: extracted.text ?? null,
      thumbnailKey: extracted.thumbnailKey ?? null,
    });
  }

  async remove(file: DocumentFile): Promise<void> {
    const versions = await this.em.find(FileVersionEntity, { fileId: file.id });
    for (const v of versions) this.em.remove(v);
    this.em.remove(file);
    await this.em.flush();
  }

  exportPage(afterId: string | undefined, limit: number): Promise<DocumentFile[]> {
    return this.em.find(
      FileEntity,
      { deletedAt: null, ...(afterId ? { id: { $gt: afterId } } : {}) },
      { orderBy: { id: 'asc' }, limit },
    );
  }

  owned(userId: string): Promise<DocumentFile[]> {
    return this.em.find(FileEntity, { ownerId: userId }, { orderBy: { createdAt: 'asc' } });
  }

  uploadedVersions(userId: string): Promise<FileVersion[]> {
    return this.em.find(FileVersionEntity, { uploadedBy: userId }, { orderBy: { createdAt: 'asc' } });
  }

  async forgetPerson(userId: string): Promise<{ files: number; versions: number; deletions: number }> {
    const files = await this.em.nativeUpdate(FileEntity, { ownerId: userId }, { ownerId: null });
    const deletions = await this.em.nativeUpdate(FileEntity, { deletedBy: userId }, { deletedBy: null });
    const versions = await this.em.nativeUpdate(
      FileVersionEntity,
      { uploadedBy: userId },
      { uploadedBy: null },
    );
    return { files, versions, deletions };
  }
}
