import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DocumentsRpc as R, personalDataExport } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { FileService } from './file.service.js';
import { FolderService } from './folder.service.js';
import { PrivacyService } from './privacy.service.js';
import { SearchExportService } from './search-export.service.js';

const exportRpc = personalDataExport('documents');

/** Folders, files, versions, the trash: one line per message, the work in the services. */
@Controller()
export class DocumentsHandler {
  constructor(
    private readonly folders: FolderService,
    private readonly files: FileService,
    private readonly privacy: PrivacyService,
    private readonly searchExport: SearchExportService,
  ) {}

  @MessagePattern(R.listFolders.pattern)
  listFolders(@Payload() raw: unknown) {
    return handleRpc(R.listFolders, raw, (q, p) => this.folders.list(q, p!));
  }

  @MessagePattern(R.createFolder.pattern)
  createFolder(@Payload() raw: unknown) {
    return handleRpc(R.createFolder, raw, (f, p) => this.folders.create(f, p!));
  }

  @MessagePattern(R.getFolder.pattern)
  getFolder(@Payload() raw: unknown) {
    return handleRpc(R.getFolder, raw, ({ id }, p) => this.folders.get(id, p!));
  }

  @MessagePattern(R.updateFolder.pattern)
  updateFolder(@Payload() raw: unknown) {
    return handleRpc(R.updateFolder, raw, ({ id, patch }, p) => this.folders.update(id, patch, p!));
  }

  @MessagePattern(R.authorizeUpload.pattern)
  authorize(@Payload() raw: unknown) {
    return handleRpc(R.authorizeUpload, raw, (t, p) => this.files.authorizeUpload(t, p!));
  }

  @MessagePattern(R.createFile.pattern)
  createFile(@Payload() raw: unknown) {
    return handleRpc(R.createFile, raw, ({ folderId, meta, blob }, p) =>
      this.files.create(folderId, meta, blob, p!),
    );
  }

  @MessagePattern(R.getFile.pattern)
  getFile(@Payload() raw: unknown) {
    return handleRpc(R.getFile, raw, ({ id }, p) => this.files.get(id, p!));
  }

  @MessagePattern(R.updateFile.pattern)
  updateFile(@Payload() raw: unknown) {
    return handleRpc(R.updateFile, raw, ({ id, patch }, p) => this.files.update(id, patch, p!));
  }

  @MessagePattern(R.deleteFile.pattern)
  deleteFile(@Payload() raw: unknown) {
    return handleRpc(R.deleteFile, raw, ({ id }, p) => this.files.remove(id, p!));
  }

  @MessagePattern(R.restoreFile.pattern)
  restoreFile(@Payload() raw: unknown) {
    return handleRpc(R.restoreFile, raw, ({ id }, p) => this.files.restore(id, p!));
  }

  @MessagePattern(R.fileContent.pattern)
  content(@Payload() raw: unknown) {
    return handleRpc(R.fileContent, raw, ({ id, version }, p) => this.files.content(id, version, p!));
  }

  @MessagePattern(R.fileThumbnail.pattern)
  thumbnail(@Payload() raw: unknown) {
    return handleRpc(R.fileThumbnail, raw, ({ id }, p) => this.files.thumbnail(id, p!));
  }

  @MessagePattern(R.addVersion.pattern)
  addVersion(@Payload() raw: unknown) {
    return handleRpc(R.addVersion, raw, ({ id, blob }, p) => this.files.addVersion(id, blob, p!));
  }

  @MessagePattern(R.listVersions.pattern)
  versions(@Payload() raw: unknown) {
    return handleRpc(R.listVersions, raw, ({ id }, p) => this.files.versions(id, p!));
  }

  @MessagePattern(R.restoreVersion.pattern)
  restoreVersion(@Payload() raw: unknown) {
    return handleRpc(R.restoreVersion, raw, ({ id, n }, p) => this.files.restoreVersion(id, n, p!));
  }

  @MessagePattern(R.trash.pattern)
  trash(@Payload() raw: unknown) {
    return handleRpc(R.trash, raw, (_q, p) => this.files.trash(p!));
  }

  @MessagePattern(R.searchExport.pattern)
  export(@Payload() raw: unknown) {
    return handleRpc(R.searchExport, raw, ({ cursor, limit }) => this.searchExport.page(cursor, limit));
  }

  @MessagePattern(exportRpc.pattern)
  personalData(@Payload() raw: unknown) {
    return handleRpc(exportRpc, raw, ({ userId }) => this.privacy.export(userId));
  }
}
