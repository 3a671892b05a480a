import { z } from 'zod';
import { defineEvent } from './events.js';
import { Intranet } from './principal.js';
import { defineRpc } from './rpc.js';
import { exportForSearch } from './search.js';

/**
 * The documents service: folders (per intranet, per group), files with versions, a trash. The bytes never
 * travel over NATS: the gateway streams them between HTTP and the storage port (`@plein/storage`), and asks
 * this service over NATS whether the caller may, and what the file is (docs/documents.md).
 */

// ---------- what may be uploaded ----------

/** The types Plein keeps, as detected from the content (not the name), with the extensions that belong to each. */
export const DOCUMENT_TYPES = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/msword': ['doc'],
  'application/vnd.ms-excel': ['xls'],
  'application/vnd.ms-powerpoint': ['ppt'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/vnd.oasis.opendocument.presentation': ['odp'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'text/plain': ['txt', 'text', 'md', 'log'],
  'text/csv': ['csv'],
} as const satisfies Record<string, readonly string[]>;
export type DocumentMimeType = keyof typeof DOCUMENT_TYPES;
export const DocumentMimeType = z.enum(
  Object.keys(DOCUMENT_TYPES) as [DocumentMimeType, ...DocumentMimeType[]],
);

export const NAME_MAX = 200;

/**
 * A file name as Plein keeps it: the last path segment only (no `../`, no folders), no control characters
 * (NUL among them), no characters that are unsafe in a file name or a header, trimmed, and at most
 * `NAME_MAX` characters with its extension kept. A name with nothing left becomes "bestand".
 */
export function sanitizeFileName(raw: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  let name = last
    .normalize('NFC')
    .replace(/[\t\n\r\f\v]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[<>:"|?*\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (name.length > NAME_MAX) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, NAME_MAX - ext.length).trimEnd() + ext;
  }
  return name || 'bestand';
}

/** The name's extension, lowercased, without the dot ('' when there is none). */
export const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

// ---------- folders and files ----------

const nonBlank = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => s.trim().length > 0, 'must not be empty');

export const FOLDER_NAME_MAX = 120;
export const TITLE_MAX_DOC = 200;
export const DESCRIPTION_MAX = 2000;

const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} -]*$/u, 'letters, digits, spaces and dashes');
const Tags = z
  .array(Tag)
  .max(10)
  .transform((tags) => [...new Set(tags)]);

export const FolderAudience = z.enum(['organization', 'group']);
export type FolderAudience = z.infer<typeof FolderAudience>;

export const FolderCreate = z
  .object({
    name: nonBlank(FOLDER_NAME_MAX),
    /** A subfolder takes its parent's intranet, audience and group. */
    parentId: z.uuid().optional(),
    /** A group's folder (the caller must be a member); without it, a folder for the whole intranet. */
    groupId: z.uuid().optional(),
  })
  .strict()
  .refine((f) => !(f.parentId && f.groupId), 'give parentId or groupId, not both');
export type FolderCreate = z.infer<typeof FolderCreate>;

/** Rename and/or move (`parentId: null` → to the top of its intranet or group). */
export const FolderPatch = z
  .object({ name: nonBlank(FOLDER_NAME_MAX).optional(), parentId: z.uuid().nullable().optional() })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type FolderPatch = z.infer<typeof FolderPatch>;

export const FolderListQuery = z.object({
  parentId: z.uuid().optional(),
  groupId: z.uuid().optional(),
});
export type FolderListQuery = z.infer<typeof FolderListQuery>;

export const Folder = z.object({
  id: z.uuid(),
  name: z.string(),
  intranet: Intranet,
  audience: FolderAudience,
  groupId: z.uuid().nullable(),
  parentId: z.uuid().nullable(),
  /** Whether the caller may upload, make subfolders and rename here. */
  canWrite: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type Folder = z.infer<typeof Folder>;
export const FolderList = z.object({ items: z.array(Folder) });

export const FileSummary = z.object({
  id: z.uuid(),
  folderId: z.uuid(),
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  /** The current version's file name, size and type. */
  name: z.string(),
  size: z.number().int().nonnegative(),
  mimeType: DocumentMimeType,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  version: z.number().int().min(1),
  hasThumbnail: z.boolean(),
  intranet: Intranet,
  audience: FolderAudience,
  groupId: z.uuid().nullable(),
  ownedByMe: z.boolean(),
  canWrite: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** When it went to the trash (only in the trash list). */
  deletedAt: z.iso.datetime().nullable(),
});
export type FileSummary = z.infer<typeof FileSummary>;
export const FileView = FileSummary;
export type FileView = FileSummary;

export const FolderView = Folder.extend({
  /** The path from the top: [{ id, name }], this folder last. */
  path: z.array(z.object({ id: z.uuid(), name: z.string() })),
  folders: z.array(Folder),
  files: z.array(FileSummary),
});
export type FolderView = z.infer<typeof FolderView>;

export const FileList = z.object({ items: z.array(FileSummary) });

/** `PATCH /files/{id}`: rename (title, file name), describe, tag, move (`folderId`). */
export const FilePatch = z
  .object({
    title: nonBlank(TITLE_MAX_DOC).optional(),
    description: z.string().max(DESCRIPTION_MAX).optional(),
    tags: Tags.optional(),
    /** The file name the current version is downloaded as (sanitised like an upload's). */
    name: nonBlank(NAME_MAX * 3).optional(),
    folderId: z.uuid().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type FilePatch = z.infer<typeof FilePatch>;

export const FileVersion = z.object({
  n: z.number().int().min(1),
  name: z.string(),
  size: z.number().int().nonnegative(),
  mimeType: DocumentMimeType,
  sha256: z.string(),
  uploadedByMe: z.boolean(),
  current: z.boolean(),
  at: z.iso.datetime(),
});
export const FileVersionList = z.object({ items: z.array(FileVersion) });

/** The multipart form of `POST /files` (documented; the gateway reads it as a stream). */
export const FileUploadForm = z.object({
  folderId: z.uuid().describe('The folder (send this field before the file)'),
  title: z.string().max(TITLE_MAX_DOC).optional().describe('Default: the file name without extension'),
  description: z.string().max(DESCRIPTION_MAX).optional(),
  tags: z.string().max(500).optional().describe('Comma-separated'),
  file: z.file().describe('The document (PDF, Office, OpenDocument, image, text, CSV)'),
});
export const VersionUploadForm = z.object({
  file: z.file().describe('The new version (same kinds as an upload)'),
});

/** The fields of an upload the service checks (the form minus the file). */
export const FileMeta = z
  .object({
    title: nonBlank(TITLE_MAX_DOC).optional(),
    description: z.string().max(DESCRIPTION_MAX).default(''),
    tags: Tags.default([]),
  })
  .strict();
export type FileMeta = z.infer<typeof FileMeta>;

/** A blob the gateway has stored, as it tells the service about it. */
export const StoredBlob = z.object({
  key: z.string().regex(/^blobs\/[0-9a-f-]{36}$/),
  size: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mimeType: DocumentMimeType,
  name: z.string().min(1).max(NAME_MAX),
});
export type StoredBlob = z.infer<typeof StoredBlob>;

/** Where to read a file's bytes from (gateway only; never shown). */
export const FileContent = z.object({
  key: z.string(),
  size: z.number().int().nonnegative(),
  mimeType: DocumentMimeType,
  name: z.string(),
  sha256: z.string(),
  version: z.number().int(),
});
export type FileContent = z.infer<typeof FileContent>;

export const ContentQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

const Id = z.object({ id: z.uuid() });

export const DocumentsRpc = {
  listFolders: defineRpc('documents.folder.list', FolderListQuery, FolderList),
  createFolder: defineRpc('documents.folder.create', FolderCreate, Folder),
  getFolder: defineRpc('documents.folder.get', Id, FolderView),
  updateFolder: defineRpc('documents.folder.update', Id.extend({ patch: FolderPatch }), Folder),

  /** May the caller upload into this folder (or a new version of this file)? Asked before any byte is stored. */
  authorizeUpload: defineRpc(
    'documents.upload.authorize',
    z.union([z.object({ folderId: z.uuid() }), z.object({ fileId: z.uuid() })]),
    z.object({ ok: z.literal(true), maxBytes: z.number().int().positive().optional() }),
  ),
  createFile: defineRpc(
    'documents.file.create',
    z.object({ folderId: z.uuid(), meta: FileMeta, blob: StoredBlob }),
    FileView,
  ),
  getFile: defineRpc('documents.file.get', Id, FileView),
  updateFile: defineRpc('documents.file.update', Id.extend({ patch: FilePatch }), FileView),
  deleteFile: defineRpc('documents.file.delete', Id, FileView),
  restoreFile: defineRpc('documents.file.restore', Id, FileView),
  fileContent: defineRpc(
    'documents.file.content',
    Id.extend({ version: z.number().int().min(1).optional() }),
    FileContent,
  ),
  fileThumbnail: defineRpc('documents.file.thumbnail', Id, z.object({ key: z.string() })),
  addVersion: defineRpc('documents.version.add', Id.extend({ blob: StoredBlob }), FileView),
  listVersions: defineRpc('documents.version.list', Id, FileVersionList),
  restoreVersion: defineRpc('documents.version.restore', Id.extend({ n: z.number().int().min(1) }), FileView),
  trash: defineRpc('documents.trash.list', z.object({}), FileList),

  searchExport: exportForSearch('documents'),
} as const;

// ---------- events ----------

/** A file as search indexes it: its visibility (its folder's), its words and the text of its current version. */
export const FileIndexed = z.object({
  fileId: z.uuid(),
  folderId: z.uuid(),
  intranet: Intranet,
  audience: FolderAudience,
  groupId: z.uuid().nullable(),
  ownerId: z.uuid().nullable(),
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  name: z.string(),
  mimeType: DocumentMimeType,
  /** The extracted text (size-capped; empty for images and other kinds). */
  text: z.string(),
  updatedAt: z.iso.datetime(),
});
export type FileIndexed = z.infer<typeof FileIndexed>;

/** A file uploaded, changed, moved, given a new version, or restored from the trash. */
export const FileChanged = defineEvent('plein.documents.file.changed', FileIndexed);
/** A file put in the trash (or purged): it leaves search. */
export const FileRemoved = defineEvent(
  'plein.documents.file.removed',
  z.object({ fileId: z.uuid(), purged: z.boolean() }),
);
