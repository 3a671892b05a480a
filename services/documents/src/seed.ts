import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { MikroORM } from '@mikro-orm/postgresql';
import { DatabaseEnv, loadConfig, runSeed } from '@plein/config';
import { FileChanged, type Intranet, type StoredBlob, sanitizeFileName } from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { serviceOrmConfig } from '@plein/persistence';
import { StorageEnv, createStorage, detectDocumentType } from '@plein/storage';
import { SERVICE, documentsDatabase } from './documents.config.js';
import { FolderEntity } from './entities/folder.entity.js';
import { extract } from './extract.js';
import { fileIndexed } from './file.views.js';
import { type Extracted, FileRepository } from './repositories/file.repository.js';
import { FolderRepository } from './repositories/folder.repository.js';

interface SeedFolder {
  intranet: Intranet;
  name: string;
  files: { file: string; title: string; description: string; tags: string[] }[];
}

const SEED = resolve(import.meta.dirname, '../../../deploy/seed/documents');

/**
 * Documents' part of the demo organisation (deploy/seed/documents, Dutch and fictional): house rules and a
 * form for clients, a protocol and a form for staff — real PDF and DOCX files (made by
 * tools/make-document-fixtures.ts). Stored like an upload (type from the content, SHA-256, text for search),
 * owned by the organisation (no owner). Idempotent: a top folder that exists is left as it is.
 */
export async function seedDocuments(
  databaseUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const storageConfig = loadConfig(StorageEnv, env);
  const storage = createStorage(storageConfig);
  const manifest = JSON.parse(await readFile(resolve(SEED, 'documents.json'), 'utf8')) as {
    folders: SeedFolder[];
  };
  const orm = await MikroORM.init(serviceOrmConfig(documentsDatabase(databaseUrl)));
  let made = 0;
  try {
    for (const seed of manifest.folders) {
      const em = orm.em.fork();
      const exists = await em.findOne(FolderEntity, {
        intranet: seed.intranet,
        parentId: null,
        audience: 'organization',
        name: seed.name,
      });
      if (exists) continue;
      const stored: { seed: SeedFolder['files'][number]; blob: StoredBlob; extracted: Extracted }[] = [];
      for (const f of seed.files) {
        const bytes = await readFile(resolve(SEED, f.file));
        const name = sanitizeFileName(f.file);
        const mimeType = await detectDocumentType(bytes.subarray(0, 64 * 1024), name);
        const key = `blobs/${randomUUID()}`;
        await storage.put(key, Readable.from([bytes]), mimeType);
        const blob = {
          key,
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          mimeType,
          name,
        };
        const extracted = await extract(storage, blob, { maxBytes: 20 * 1024 * 1024, maxChars: 100_000 });
        stored.push({ seed: f, blob, extracted });
      }
      await em.transactional(async (tx) => {
        const folder = await new FolderRepository(tx).create({
          intranet: seed.intranet,
          audience: 'organization',
          groupId: null,
          name: seed.name,
          parentId: null,
          createdBy: null,
        });
        const repo = new FileRepository(tx);
        for (const { seed: f, blob, extracted } of stored) {
          const file = await repo.create(folder, {
            title: f.title,
            description: f.description,
            tags: f.tags,
            ownerId: null,
          });
          const v = repo.addVersion(file, 1, blob, extracted, null);
          await tx.flush();
          recordEvent(tx, FileChanged, fileIndexed(file, v), SERVICE);
          made++;
        }
      });
    }
  } finally {
    await orm.close();
  }
  return made;
}

await runSeed(import.meta.url, 'documents', async () => {
  const made = await seedDocuments(loadConfig(DatabaseEnv).DATABASE_URL);
  return `${made} demo document(s) seeded`;
});
