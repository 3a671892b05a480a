import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  type Folder as FolderDto,
  type FolderCreate,
  type FolderListQuery,
  type FolderPatch,
  type FolderView,
  PleinError,
  type Principal,
  forbidden,
  notFound,
} from '@plein/contracts';
import type { Folder } from './entities/folder.entity.js';
import { fileView, folderView } from './file.views.js';
import { type DocumentsReader, ReaderService } from './reader.service.js';
import { FileRepository } from './repositories/file.repository.js';
import { FolderRepository } from './repositories/folder.repository.js';

export const NO_SUCH_FOLDER = 'No such folder';

/** Folders: per intranet (the tree's), for the organisation or for one group, nested. */
@Injectable()
export class FolderService {
  constructor(
    private readonly em: EntityManager,
    private readonly readers: ReaderService,
  ) {}

  /** A folder the reader may read, or 404 (the same answer as for one that does not exist). */
  async readable(repo: FolderRepository, id: string, reader: DocumentsReader): Promise<Folder> {
    const folder = await repo.byId(id);
    if (!folder || !reader.canRead(folder)) throw notFound(NO_SUCH_FOLDER);
    return folder;
  }

  /** A folder the reader may write in: 404 when they may not see it, 403 when they may only read it. */
  async writable(repo: FolderRepository, id: string, reader: DocumentsReader): Promise<Folder> {
    const folder = await this.readable(repo, id, reader);
    if (!reader.canWrite(folder)) {
      throw forbidden(
        reader.principal.realm === 'staff'
          ? 'Only members of the group write in its folders'
          : 'Documents are put here by staff',
      );
    }
    return folder;
  }

  async list(q: FolderListQuery, principal: Principal): Promise<{ items: FolderDto[] }> {
    const reader = await this.readers.of(principal);
    const repo = new FolderRepository(this.em);
    const folders = q.parentId
      ? await repo.children((await this.readable(repo, q.parentId, reader)).id)
      : await repo.roots(principal.intranet, q.groupId ?? null);
    return { items: folders.filter((f) => reader.canRead(f)).map((f) => folderView(f, reader)) };
  }

  async get(id: string, principal: Principal): Promise<FolderView> {
    const reader = await this.readers.of(principal);
    const repo = new FolderRepository(this.em);
    const folder = await this.readable(repo, id, reader);
    const files = new FileRepository(this.em);
    const [path, children, rows] = await Promise.all([
      repo.path(folder),
      repo.children(folder.id),
      files.inFolder(folder.id),
    ]);
    const current = await files.current(rows);
    return {
      ...folderView(folder, reader),
      path: path.map((f) => ({ id: f.id, name: f.name })),
      folders: children.filter((f) => reader.canRead(f)).map((f) => folderView(f, reader)),
      files: rows.flatMap((f) => {
        const v = current.get(f.id);
        return v ? [fileView(f, v, reader)] : [];
      }),
    };
  }

  async create(input: FolderCreate, principal: Principal): Promise<FolderDto> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const repo = new FolderRepository(tx);
      let place;
      if (input.parentId) {
        const parent = await this.writable(repo, input.parentId, reader);
        place = { intranet: parent.intranet, audience: parent.audience, groupId: parent.groupId ?? null };
      } else if (input.groupId) {
        place = { intranet: principal.intranet, audience: 'group' as const, groupId: input.groupId };
        if (!reader.canWrite(place)) throw forbidden('Only members of the group make its folders');
      } else {
        place = { intranet: principal.intranet, audience: 'organization' as const, groupId: null };
        if (!reader.canWrite(place)) throw forbidden('Documents are put here by staff');
      }
      const folder = await repo.create({
        ...place,
        name: input.name.trim(),
        parentId: input.parentId ?? null,
        createdBy: principal.userId,
      });
      return folderView(folder, reader);
    });
  }

  /** Rename, or move within the same intranet and group (never into itself or below itself). */
  async update(id: string, patch: FolderPatch, principal: Principal): Promise<FolderDto> {
    const reader = await this.readers.of(principal);
    return this.em.transactional(async (tx) => {
      const repo = new FolderRepository(tx);
      const folder = await this.writable(repo, id, reader);
      if (patch.name !== undefined) folder.name = patch.name.trim();
      if (patch.parentId !== undefined) {
        if (patch.parentId === null) folder.parentId = null;
        else {
          const parent = await this.writable(repo, patch.parentId, reader);
          const samePlace =
            parent.intranet === folder.intranet &&
            parent.audience === folder.audience &&
            (parent.groupId ?? null) === (folder.groupId ?? null);
          if (!samePlace)
            throw new PleinError(422, 'other_place', 'A folder moves only within its intranet or group');
          if ((await repo.path(parent)).some((f) => f.id === folder.id))
            throw new PleinError(422, 'folder_cycle', 'A folder cannot move into itself');
          folder.parentId = parent.id;
        }
      }
      await tx.flush();
      return folderView(folder, reader);
    });
  }
}
