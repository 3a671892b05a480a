import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Folder, FolderEntity } from '../entities/folder.entity.js';
import type { Place } from '../reader.service.js';

/** Folders: the one place that knows how they are stored. */
export class FolderRepository {
  constructor(private readonly em: EntityManager) {}

  byId(id: string): Promise<Folder | null> {
    return this.em.findOne(FolderEntity, { id });
  }

  children(parentId: string): Promise<Folder[]> {
    return this.em.find(FolderEntity, { parentId }, { orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  }

  /** The top folders of an intranet (for the organisation) or of one group. */
  roots(intranet: Place['intranet'], groupId: string | null): Promise<Folder[]> {
    return this.em.find(
      FolderEntity,
      { parentId: null, intranet, ...(groupId ? { groupId } : { audience: 'organization' }) },
      { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    );
  }

  /** The folder and its ancestors, the top first. */
  async path(folder: Folder): Promise<Folder[]> {
    const path = [folder];
    let current = folder;
    for (let depth = 0; current.parentId && depth < 50; depth++) {
      const parent = await this.byId(current.parentId);
      if (!parent) break;
      path.unshift(parent);
      current = parent;
    }
    return path;
  }

  async create(
    data: Place & { name: string; parentId: string | null; createdBy: string | null },
  ): Promise<Folder> {
    const folder = this.em.create(FolderEntity, { id: randomUUID(), ...data });
    await this.em.flush();
    return folder;
  }

  byCreator(userId: string): Promise<Folder[]> {
    return this.em.find(FolderEntity, { createdBy: userId }, { orderBy: { createdAt: 'asc' } });
  }

  forgetCreator(userId: string): Promise<number> {
    return this.em.nativeUpdate(FolderEntity, { createdBy: userId }, { createdBy: null });
  }
}
