import { FileEntity, FileVersionEntity } from './file.entity.js';
import { FolderEntity } from './folder.entity.js';

export const DOCUMENTS_ENTITIES = [FolderEntity, FileEntity, FileVersionEntity];
