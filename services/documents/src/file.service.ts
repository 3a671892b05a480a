import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  type FileContent,
  FileChanged,
  type FileMeta,
  type FilePatch,
  FileRemoved,
  type FileSummary,
  PleinError,
  type Principal,
  type StoredBlob,
  badRequest,
  forbidden,
  notFound,
  sanitizeFileName,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import type { BlobStorage } from '@plein/storage';
import { DOCUMENTS_CONFIG, type DocumentsConfig, SERVICE } from './documents.config.js';
import type { DocumentFile, FileVersion } from './entities/file.entity.js';
import { extract } from './extract.js';
import { fileIndexed, fileView } from './file.views.js';
import { FolderService } from './folder.service.js';
import { type DocumentsReader, ReaderService } from './reader.service.js';
import { type Extracted, FileRepository } from './repositories/file.repository.js';
import { FolderRepository } from './repositories/folder.repository.js';

export const BLOB_STORAGE = Symbol('BLOB_STORAGE');
const NO_SUCH_FILE = 'No such file';
const DAY_MS = 24 * 60 * 60 * 1000;

const titleFromName = (name: string) => {
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? name.slice(0, dot) : name).slice(0, 200).trim() || name.slice(0, 200);
};

/** Files, their versions, the trash. The bytes are in the storage; this service decides who may do what. */
@Injectable()
export class FileService {
  private readonly logger = new Logger('FileService');

  constructor(
    private readonly em: EntityManager,
    private readonly readers: ReaderService,
    private readonly folders: FolderService,
    @Inject(BLOB_STORAGE) private readonly storage: BlobStorage,
    @Inject(DOCUMENTS_CONFIG) private readonly config: DocumentsConfig,
  ) {}

  /** A file (not in the trash) the reader may read, or 404. */
  private async readable(repo: FileRepository, id: string, reader: DocumentsReader, lock = false) {
    const file = await repo.byId(id, lock);
    if (!file || file.deletedAt || !reader.canRead(file, file.ownerId ?? null)) throw notFound(NO_SUCH_FILE);
    return file;
  }

  private async writable(repo: FileRepository, id: string, reader: DocumentsReader, lock = false) {
    const file = await this.readable(repo, id, reader, lock);
    if (!reader.canWrite(file)) throw forbidden('You may read this file, not change it');
    return file;
  }

  private async currentOf(repo: FileRepository, file: DocumentFile): Promise<FileVersion> {
    const v = await repo.version(file.id, file.currentVersion);
    if (!v) throw notFound(NO_SUCH_FILE);
    return v;
  }

  /** Asked before a byte is stored: may the caller upload here? */
  async authorizeUpload(target: { folderId: string } | { fileId: string }, principal: Principal) {
    const reader = await this.readers.of(principal);
    if ('folderId' in target)
      await this.folders.writable(new FolderRepository(this.em), target.folderId, reader);
    else await this.writable(new FileRepository(this.em), target.fileId, reader);
    return { ok: true as const, maxBytes: this.config.DOCUMENTS_MAX_BYTES };
  }

  /** The gateway says it stored a blob: check it is there as described, and read what is in it. */
  private async inspect(blob: StoredBlob): Promise<Extracted> {
    const found = await this.storage.stat(blob.key);
    if (!found || found.size !== blob.size) throw badRequest('The upload is not in the storage as described');
    return extract(this.storage, blob, {
      maxBytes: this.config.EXTRACT_MAX_BYTES,
      maxChars: this.config.TEXT_MAX_CHARS,
    });
  }

  async create(
    folderId: string,
    meta: FileMeta,
    raw: StoredBlob,
    principal: Principal,
  ): Promise<FileSummary> {
    const blob = { ...raw, name: sanitizeFileName(raw.name) };
    const reader = await this.readers.of(principal);
    await this.folders.writable(new FolderRepository(this.em), folderId, reader);
    const extracted = await this.inspect(blob);
    return this.em.transactional(async (tx) => {
      const folder = await this.folders.writable(new FolderRepository(tx), folderId, reader);
      const repo = new FileRepository(tx);
      const file = await repo.create(folder, {
        title: meta.title?.trim() ?? titleFromName(blob.name),
        description: meta.description,
        tags: meta.tags,
        ownerId: principal.userId,
      });
      const v = repo.addVersion(file, 1, blob, extracted, principal.userId);
      await tx.flush();
      recordEvent(tx, FileChanged, fileIndexed(file, v), SERVICE);
      return fileView(file, v, reader);
    });
  }

  async get(id: string, principal: Principal): Promise<FileSummary> {
    const reader = await this.readers.of(principal);
    const repo = new FileRepository(this.em);
    const file = await this.readable(repo, id, reader);
    return fileView(file, await this.currentOf(repo, file), reader);
  }

  /** Rename (title, file name), describe, tag, move to another folder the caller may write in. */
  async update(id: string, patch: FilePatch, principal: Principal): Promise<FileSummary> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const repo = new FileRepository(tx);
      const file = await this.writable(repo, id, reader, true);
      let v = await this.currentOf(repo, file);
      if (patch.folderId && patch.folderId !== file.folderId) {
        const target = await this.folders.writable(new FolderRepository(tx), patch.folderId, reader);
        file.folderId = target.id;
        file.intranet = target.intranet;
        file.audience = target.audience;
        file.groupId = target.groupId ?? null;
      }
      if (patch.title !== undefined) file.title = patch.title.trim();
      if (patch.description !== undefined) file.description = patch.description;
      if (patch.tags !== undefined) file.tags = patch.tags;
      if (patch.name !== undefined) {
        // a new name is a new version with the same bytes: versions are never changed
        const name = sanitizeFileName(patch.name);
        if (name !== v.name) {
          v = repo.addVersion(
            file,
            file.currentVersion + 1,
            { ...this.blobOf(v), name },
            v,
            principal.userId,
          );
        }
      }
      file.updatedAt = new Date();
      await tx.flush();
      recordEvent(tx, FileChanged, fileIndexed(file, v), SERVICE);
      return fileView(file, v, reader);
    });
  }

  private blobOf(v: FileVersion) {
    return { key: v.blobKey, size: Number(v.size), sha256: v.sha256, mimeType: v.mimeType, name: v.name };
  }

  /** To the trash: restorable for TRASH_DAYS days, then purged. */
  async remove(id: string, principal: Principal): Promise<FileSummary> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const repo = new FileRepository(tx);
      const file = await this.writable(repo, id, reader, true);
      file.deletedAt = new Date();
      file.deletedBy = principal.userId;
      await tx.flush();
      recordEvent(tx, FileRemoved, { fileId: file.id, purged: false }, SERVICE);
      return fileView(file, await this.currentOf(repo, file), reader);
    });
  }

  async restore(id: string, principal: Principal): Promise<FileSummary> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const repo = new FileRepository(tx);
      const file = await repo.byId(id, true);
      if (!file || !reader.canRead(file, file.ownerId ?? null)) throw notFound(NO_SUCH_FILE);
      if (!reader.canWrite(file)) throw forbidden('You may read this file, not change it');
      if (!file.deletedAt) throw new PleinError(409, 'not_in_trash', 'The file is not in the trash');
      if (file.deletedAt.getTime() < Date.now() - this.config.TRASH_DAYS * DAY_MS)
        throw notFound(NO_SUCH_FILE);
      // its folder must still be one the caller may write in
      await this.folders.writable(new FolderRepository(tx), file.folderId, reader);
      file.deletedAt = null;
      file.deletedBy = null;
      file.updatedAt = new Date();
      await tx.flush();
      const v = await this.currentOf(repo, file);
      recordEvent(tx, FileChanged, fileIndexed(file, v), SERVICE);
      return fileView(file, v, reader);
    });
  }

  async trash(principal: Principal): Promise<{ items: FileSummary[] }> {
    const reader = await this.readers.of(principal);
    if (principal.realm !== 'staff') return { items: [] };
    const repo = new FileRepository(this.em);
    const rows = (
      await repo.trash(principal.intranet, new Date(Date.now() - this.config.TRASH_DAYS * DAY_MS))
    ).filter((f) => reader.canWrite(f));
    const current = await repo.current(rows);
    return {
      items: rows.flatMap((f) => {
        const v = current.get(f.id);
        return v ? [fileView(f, v, reader)] : [];
      }),
    };
  }

  /** Where the gateway reads the bytes of the current (or a given) version from. */
  async content(id: string, version: number | undefined, principal: Principal): Promise<FileContent> {
    const reader = await this.readers.of(principal);
    const repo = new FileRepository(this.em);
    const file = await this.readable(repo, id, reader);
    const v = await repo.version(file.id, version ?? file.currentVersion);
    if (!v) throw notFound('No such version');
    return {
      key: v.blobKey,
      size: Number(v.size),
      mimeType: v.mimeType,
      name: v.name,
      sha256: v.sha256,
      version: v.n,
    };
  }

  async thumbnail(id: string, principal: Principal): Promise<{ key: string }> {
    const reader = await this.readers.of(principal);
    const repo = new FileRepository(this.em);
    const file = await this.readable(repo, id, reader);
    const v = await this.currentOf(repo, file);
    if (!v.thumbnailKey) throw notFound('This file has no thumbnail');
    return { key: v.thumbnailKey };
  }

  async addVersion(id: string, raw: StoredBlob, principal: Principal): Promise<FileSummary> {
    const blob = { ...raw, name: sanitizeFileName(raw.name) };
    const reader = await this.readers.of(principal);
    await this.writable(new FileRepository(this.em), id, reader);
    const extracted = await this.inspect(blob);
    return this.em.transactional(async (tx) => {
      const repo = new FileRepository(tx);
      const file = await this.writable(repo, id, reader, true);
      const v = repo.addVersion(file, file.currentVersion + 1, blob, extracted, principal.userId);
      file.updatedAt = new Date();
      await tx.flush();
      recordEvent(tx, FileChanged, fileIndexed(file, v), SERVICE);
      return fileView(file, v, reader);
    });
  }

  async versions(id: string, principal: Principal) {
    const reader = await this.readers.of(principal);
    const repo = new FileRepository(this.em);
    const file = await this.readable(repo, id, reader);
    return {
      items: (await repo.versions(file.id)).map((v) => ({
        n: v.n,
        name: v.name,
        size: Number(v.size),
        mimeType: v.mimeType,
        sha256: v.sha256,
        uploadedByMe: v.uploadedBy === principal.userId,
        current: v.n === file.currentVersion,
        at: v.createdAt.toISOString(),
      })),
    };
  }

  /** Makes an old version current again: a new version with its bytes (nothing is lost). */
  async restoreVersion(id: string, n: number, principal: Principal): Promise<FileSummary> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const repo = new FileRepository(tx);
      const file = await this.writable(repo, id, reader, true);
      const old = await repo.version(file.id, n);
      if (!old) throw notFound('No such version');
      const v = repo.addVersion(file, file.currentVersion + 1, this.blobOf(old), old, principal.userId);
      file.updatedAt = new Date();
      await tx.flush();
      recordEvent(tx, FileChanged, fileIndexed(file, v), SERVICE);
      return fileView(file, v, reader);
    });
  }

  /**
   * Purges what has been in the trash longer than TRASH_DAYS: the rows (one transaction per file, with the
   * event) and then the blobs. Returns how many files were purged.
   */
  async purgeExpired(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.TRASH_DAYS * DAY_MS);
    let purged = 0;
    for (;;) {
      const batch = await this.em.fork().transactional(async (tx) => {
        const repo = new FileRepository(tx);
        const files = await repo.expired(before, 50);
        const keys = new Set<string>();
        for (const file of files) {
          for (const v of await repo.versions(file.id)) {
            keys.add(v.blobKey);
            if (v.thumbnailKey) keys.add(v.thumbnailKey);
          }
          await repo.remove(file);
          recordEvent(tx, FileRemoved, { fileId: file.id, purged: true }, SERVICE);
        }
        return { count: files.length, keys };
      });
      for (const key of batch.keys) {
        await this.storage
          .delete(key)
          .catch((err) => this.logger.warn(`could not delete ${key}: ${String(err)}`));
      }
      purged += batch.count;
      if (batch.count < 50) return purged;
    }
  }
}
