import { defineEntity, p } from '@mikro-orm/postgresql';
import type { DocumentMimeType, FolderAudience, Intranet } from '@plein/contracts';

/**
 * A file: its words and its folder; its bytes are in its versions. The visibility fields are its folder's,
 * copied (and kept in step when it moves) so lists and search filter without a join.
 */
export const FileEntity = defineEntity({
  name: 'DocumentFile',
  tableName: 'files',
  properties: {
    id: p.uuid().primary(),
    folderId: p.uuid(),
    intranet: p.string().$type<Intranet>(),
    audience: p.string().$type<FolderAudience>(),
    groupId: p.uuid().nullable(),
    title: p.text(),
    description: p.text().default(''),
    tags: p.array().$type<string[]>(),
    /** Who uploaded it first; null after their erasure (the file stays with its folder's team or the organisation). */
    ownerId: p.uuid().nullable(),
    currentVersion: p.integer(),
    deletedAt: p.datetime().nullable(),
    deletedBy: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type DocumentFile = InstanceType<typeof FileEntity.class>;

/** One version of a file; versions are never changed (restoring one adds a new version with its bytes). */
export const FileVersionEntity = defineEntity({
  name: 'FileVersion',
  tableName: 'file_versions',
  properties: {
    fileId: p.uuid().primary(),
    n: p.integer().primary(),
    blobKey: p.text(),
    size: p.bigint('number'),
    sha256: p.text(),
    mimeType: p.string().$type<DocumentMimeType>(),
    /** The sanitised file name it is downloaded as. */
    name: p.text(),
    uploadedBy: p.uuid().nullable(),
    /** The text found in it (size-capped), for search; null when none was extracted. */
    text: p.text().nullable(),
    thumbnailKey: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type FileVersion = InstanceType<typeof FileVersionEntity.class>;
