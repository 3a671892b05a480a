import { pipeline } from 'node:stream/promises';
import {
  Body,
  Controller,
  Delete,
  Get,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
  type Type,
} from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ContentQuery,
  DOCUMENT_TYPES,
  DocumentsRpc as R,
  FileMeta,
  FilePatch,
  FileUploadForm,
  FolderCreate,
  FolderListQuery,
  FolderPatch,
  PleinError,
  type Principal,
  VersionUploadForm,
  parseOrBadRequest,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { BlobNotFound, type BlobStorage } from '@plein/storage';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator.js';
import { InTree } from '../auth/route-tree.decorator.js';
import { contentDisposition, parseRange } from '../documents/content-range.js';
import { receiveUpload } from '../documents/multipart-upload.js';
import { GATEWAY_CONFIG, type GatewayConfig, NATS_CLIENT } from '../gateway.config.js';
import { Answers, Takes, TakesQuery } from '../http/route-docs.decorator.js';
import { type IntranetTree, named } from './tree-controller.js';

export const BLOB_STORAGE = Symbol('BLOB_STORAGE');

/** The routes that take a multipart body as a stream (the JSON body reader leaves them alone). */
export const DOCUMENT_UPLOAD_ROUTES = [
  { method: 'POST', path: /^\/api\/(staff|client)\/v1\/files\/?$/ },
  { method: 'POST', path: /^\/api\/(staff|client)\/v1\/files\/[^/]+\/versions\/?$/ },
];

const uuid = (id: string, what: string) => parseOrBadRequest(z.uuid(), id, what);
/** Storing and telling the service may take a while for a large file with text to read. */
const CREATE_TIMEOUT_MS = 60_000;
const INLINE_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
]);
const UPLOAD_PROBLEMS = {
  400: 'No file, an empty file, a field after the file, or an upload cut off',
  403: 'Only staff (in a group folder: its members) upload here',
  413: 'The file is larger than DOCUMENTS_MAX_BYTES (default 50 MB); refused while it streams',
  415: 'Not multipart/form-data, or a kind of file that is not kept (detected from the content)',
} as const;

const fieldsToMeta = (fields: Record<string, string>) =>
  parseOrBadRequest(
    FileMeta,
    {
      ...(fields['title'] !== undefined && fields['title'].trim() !== '' ? { title: fields['title'] } : {}),
      ...(fields['description'] !== undefined ? { description: fields['description'] } : {}),
      ...(fields['tags'] !== undefined && fields['tags'].trim() !== ''
        ? {
            tags: fields['tags']
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
          }
        : {}),
    },
    'upload',
  );

/** Folders in an intranet: the tree decides which. 404 for what the caller may not see. */
function foldersController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/folders`)
  class FoldersController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Get()
    @ApiOperation({
      summary: 'Folders: the top ones of the intranet, of a group (?groupId=), or in one (?parentId=)',
    })
    @TakesQuery(R.listFolders)
    @Answers(R.listFolders)
    list(
      @CurrentPrincipal() principal: Principal,
      @Query('parentId') parentId?: string,
      @Query('groupId') groupId?: string,
    ) {
      const q = parseOrBadRequest(FolderListQuery, { parentId, groupId }, 'query');
      return callRpc(this.nats, R.listFolders, q, principal);
    }

    @Post()
    @ApiOperation({ summary: 'A new folder: { name, parentId? | groupId? } (staff; a group’s: its members)' })
    @Takes(R.createFolder)
    @Answers(R.createFolder, { problems: { 403: 'Only staff (in a group: its members) make folders here' } })
    create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
      return callRpc(
        this.nats,
        R.createFolder,
        parseOrBadRequest(FolderCreate, body ?? {}, 'folder'),
        principal,
      );
    }

    @Get(':id')
    @ApiOperation({ summary: 'One folder with its path, subfolders and files' })
    @Answers(R.getFolder)
    get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.getFolder, { id: uuid(id, 'folder id') }, principal);
    }

    @Patch(':id')
    @ApiOperation({ summary: 'Rename or move a folder: { name?, parentId? } (within its intranet or group)' })
    @Takes(FolderPatch)
    @Answers(R.updateFolder, {
      problems: {
        403: 'You may read this folder, not change it',
        422: 'Not into itself, nor to another intranet or group',
      },
    })
    update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const patch = parseOrBadRequest(FolderPatch, body ?? {}, 'change');
      return callRpc(this.nats, R.updateFolder, { id: uuid(id, 'folder id'), patch }, principal);
    }
  }
  return named(tree, 'Folders', FoldersController);
}

/** Files: upload (streamed into the storage), metadata, download (Range), versions, trash. */
function filesController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/files`)
  class FilesController {
    constructor(
      @Inject(NATS_CLIENT) private readonly nats: ClientProxy,
      @Inject(BLOB_STORAGE) private readonly storage: BlobStorage,
      @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    ) {}

    @Post()
    @ApiOperation({
      summary:
        'Upload a file: multipart/form-data with folderId (and title?, description?, tags?) before file',
    })
    @Takes(FileUploadForm, { as: 'multipart' })
    @Answers(R.createFile, { problems: UPLOAD_PROBLEMS })
    async upload(@CurrentPrincipal() principal: Principal, @Req() req: Request) {
      let folderId = '';
      let meta: FileMeta | undefined;
      const { stored } = await receiveUpload(req, this.storage, {
        maxBytes: this.config.DOCUMENTS_MAX_BYTES,
        authorize: async (fields) => {
          folderId = parseOrBadRequest(z.uuid(), fields['folderId'], 'folderId (send it before the file)');
          meta = fieldsToMeta(fields);
          await callRpc(this.nats, R.authorizeUpload, { folderId }, principal);
        },
      });
      try {
        return await callRpc(
          this.nats,
          R.createFile,
          { folderId, meta: meta!, blob: stored },
          principal,
          CREATE_TIMEOUT_MS,
        );
      } catch (err) {
        await this.storage.delete(stored.key).catch(() => undefined);
        throw err;
      }
    }

    @Get(':id')
    @ApiOperation({
      summary: 'One file: title, description, tags, its current version’s name, size, type, SHA-256',
    })
    @Answers(R.getFile)
    get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.getFile, { id: uuid(id, 'file id') }, principal);
    }

    @Patch(':id')
    @ApiOperation({
      summary: 'Rename, describe, tag or move: { title?, description?, tags?, name?, folderId? }',
    })
    @Takes(FilePatch)
    @Answers(R.updateFile, { problems: { 403: 'You may read this file, not change it' } })
    update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
      const patch = parseOrBadRequest(FilePatch, body ?? {}, 'change');
      return callRpc(this.nats, R.updateFile, { id: uuid(id, 'file id'), patch }, principal);
    }

    @Delete(':id')
    @ApiOperation({ summary: 'To the trash (restorable for 30 days, then purged)' })
    @Answers(R.deleteFile, { problems: { 403: 'You may read this file, not change it' } })
    remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.deleteFile, { id: uuid(id, 'file id') }, principal);
    }

    @Post(':id/restore')
    @ApiOperation({ summary: 'Back from the trash' })
    @Answers(R.restoreFile, {
      problems: { 403: 'You may read this file, not change it', 409: 'The file is not in the trash' },
    })
    restore(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.restoreFile, { id: uuid(id, 'file id') }, principal);
    }

    @Get(':id/content')
    @ApiOperation({
      summary:
        'Download (?version=n for an older one; ?inline=true to view a PDF, image or text); HTTP Range',
    })
    @TakesQuery(ContentQuery.extend({ inline: z.enum(['true', 'false']).optional() }))
    @Answers({
      media: Object.keys(DOCUMENT_TYPES),
      description:
        'The bytes (206 with Content-Range for a Range request; 416 when the range is outside the file)',
    })
    async content(
      @CurrentPrincipal() principal: Principal,
      @Param('id') id: string,
      @Query('version') version: string | undefined,
      @Query('inline') inline: string | undefined,
      @Req() req: Request,
      @Res() res: Response,
    ): Promise<void> {
      const q = parseOrBadRequest(ContentQuery, { version }, 'query');
      const c = await callRpc(
        this.nats,
        R.fileContent,
        { id: uuid(id, 'file id'), ...(q.version ? { version: q.version } : {}) },
        principal,
      );
      const range = parseRange(req.headers.range, c.size);
      res.set({
        'Accept-Ranges': 'bytes',
        ETag: `"${c.sha256}"`,
        'Cache-Control': 'private, no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "sandbox; default-src 'none'",
        'Content-Disposition': contentDisposition(
          inline === 'true' && INLINE_TYPES.has(c.mimeType) ? 'inline' : 'attachment',
          c.name,
        ),
        'Content-Type': c.mimeType.startsWith('text/') ? `${c.mimeType}; charset=utf-8` : c.mimeType,
      });
      if (range === 'unsatisfiable') {
        res.status(416).set('Content-Range', `bytes */${c.size}`).end();
        return;
      }
      let body;
      try {
        body = await this.storage.get(c.key, range ?? undefined);
      } catch (err) {
        if (err instanceof BlobNotFound)
          throw new PleinError(404, 'not_found', 'The file’s content is missing');
        throw err;
      }
      if (range) {
        res.status(206).set({
          'Content-Range': `bytes ${range.start}-${range.end}/${c.size}`,
          'Content-Length': String(range.end - range.start + 1),
        });
      } else res.status(200).set('Content-Length', String(c.size));
      await pipeline(body, res).catch(() => undefined);
    }

    @Get(':id/thumbnail')
    @ApiOperation({ summary: 'A small WebP of an image file' })
    @Answers({ media: ['image/webp'], description: 'At most 320 px wide and high' })
    async thumbnail(
      @CurrentPrincipal() principal: Principal,
      @Param('id') id: string,
      @Res() res: Response,
    ): Promise<void> {
      const { key } = await callRpc(this.nats, R.fileThumbnail, { id: uuid(id, 'file id') }, principal);
      const body = await this.storage.get(key).catch(() => {
        throw new PleinError(404, 'not_found', 'This file has no thumbnail');
      });
      res.status(200).type('image/webp').set({
        'Cache-Control': 'private, max-age=3600',
        'X-Content-Type-Options': 'nosniff',
      });
      await pipeline(body, res).catch(() => undefined);
    }

    @Post(':id/versions')
    @ApiOperation({ summary: 'Upload a new version (multipart: file); the old ones are kept' })
    @Takes(VersionUploadForm, { as: 'multipart' })
    @Answers(R.addVersion, { problems: UPLOAD_PROBLEMS })
    async addVersion(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Req() req: Request) {
      const fileId = uuid(id, 'file id');
      const { stored } = await receiveUpload(req, this.storage, {
        maxBytes: this.config.DOCUMENTS_MAX_BYTES,
        authorize: async () => {
          await callRpc(this.nats, R.authorizeUpload, { fileId }, principal);
        },
      });
      try {
        return await callRpc(
          this.nats,
          R.addVersion,
          { id: fileId, blob: stored },
          principal,
          CREATE_TIMEOUT_MS,
        );
      } catch (err) {
        await this.storage.delete(stored.key).catch(() => undefined);
        throw err;
      }
    }

    @Get(':id/versions')
    @ApiOperation({
      summary: 'The versions, newest first: { items: [{ n, name, size, sha256, current, at }] }',
    })
    @Answers(R.listVersions)
    versions(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
      return callRpc(this.nats, R.listVersions, { id: uuid(id, 'file id') }, principal);
    }

    @Post(':id/versions/:n/restore')
    @ApiOperation({ summary: 'Make an old version current again (as a new version; nothing is lost)' })
    @Answers(R.restoreVersion, {
      params: { n: z.number().int().min(1).describe('The version number (1, 2, …)') },
      problems: { 403: 'You may read this file, not change it' },
    })
    restoreVersion(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('n') n: string) {
      const { n: num } = parseOrBadRequest(z.object({ n: z.coerce.number().int().min(1) }), { n }, 'version');
      return callRpc(this.nats, R.restoreVersion, { id: uuid(id, 'file id'), n: num }, principal);
    }
  }
  return named(tree, 'Files', FilesController);
}

/** The trash: files deleted in the last 30 days from folders the caller may write in. */
function trashController(tree: IntranetTree): Type {
  @ApiTags(tree === 'staff' ? 'staff intranet' : 'client intranet')
  @InTree(tree)
  @Controller(`api/${tree}/v1/trash`)
  class TrashController {
    constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

    @Get()
    @ApiOperation({ summary: 'Files in the trash (restorable for 30 days) that the caller may restore' })
    @Answers(R.trash)
    list(@CurrentPrincipal() principal: Principal) {
      return callRpc(this.nats, R.trash, {}, principal);
    }
  }
  return named(tree, 'Trash', TrashController);
}

export const StaffFoldersController = foldersController('staff');
export const ClientFoldersController = foldersController('client');
export const StaffFilesController = filesController('staff');
export const ClientFilesController = filesController('client');
export const StaffTrashController = trashController('staff');
export const ClientTrashController = trashController('client');
