import type { FileIndexed, FileSummary, Folder as FolderDto } from '@plein/contracts';
import type { DocumentFile, FileVersion } from './entities/file.entity.js';
import type { Folder } from './entities/folder.entity.js';
import type { DocumentsReader } from './reader.service.js';

export function folderView(f: Folder, reader: DocumentsReader): FolderDto {
  return {
    id: f.id,
    name: f.name,
    intranet: f.intranet,
    audience: f.audience,
    groupId: f.groupId ?? null,
    parentId: f.parentId ?? null,
    canWrite: reader.canWrite(f),
    createdAt: f.createdAt.toISOString(),
  };
}

export function fileView(file: DocumentFile, v: FileVersion, reader: DocumentsReader): FileSummary {
  return {
    id: file.id,
    folderId: file.folderId,
    title: file.title,
    description: file.description,
    tags: file.tags,
    name: v.name,
    size: Number(v.size),
    mimeType: v.mimeType,
    sha256: v.sha256,
    version: file.currentVersion,
    hasThumbnail: v.thumbnailKey !== null && v.thumbnailKey !== undefined,
    intranet: file.intranet,
    audience: file.audience,
    groupId: file.groupId ?? null,
    ownedByMe: file.ownerId === reader.principal.userId,
    canWrite: reader.canWrite(file),
    createdAt: file.createdAt.toISOString(),
    updatedAt: file.updatedAt.toISOString(),
    deletedAt: file.deletedAt ? file.deletedAt.toISOString() : null,
  };
}

/** What search is told about a file (its current version's text). */
export function fileIndexed(file: DocumentFile, v: FileVersion): FileIndexed {
  return {
    fileId: file.id,
    folderId: file.folderId,
    intranet: file.intranet,
    audience: file.audience,
    groupId: file.groupId ?? null,
    ownerId: file.ownerId ?? null,
    title: file.title,
    description: file.description,
    tags: file.tags,
    name: v.name,
    mimeType: v.mimeType,
    text: v.text ?? '',
    updatedAt: file.updatedAt.toISOString(),
  };
}
