import { defineEntity, p } from '@mikro-orm/postgresql';
import type { FolderAudience, Intranet } from '@plein/contracts';

/** A folder: in one intranet, for the whole organisation or for one group; a subfolder has its parent's. */
export const FolderEntity = defineEntity({
  name: 'Folder',
  tableName: 'folders',
  properties: {
    id: p.uuid().primary(),
    parentId: p.uuid().nullable(),
    intranet: p.string().$type<Intranet>(),
    audience: p.string().$type<FolderAudience>(),
    groupId: p.uuid().nullable(),
    name: p.text(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Folder = InstanceType<typeof FolderEntity.class>;
