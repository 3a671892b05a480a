import { resolve } from 'node:path';
import { z } from '@plein/config';
import type { BlobStorage } from './blob-storage.js';
import { DiskStorage } from './disk.storage.js';
import { S3Storage } from './s3.storage.js';

/**
 * Where documents are stored, for the gateway (which streams uploads in and downloads out) and the documents
 * service (which reads blobs to extract text and make thumbnails, and purges them). Both must point at the
 * same store: the same folder (a shared volume) or the same bucket.
 */
export const StorageEnv = z.object({
  STORAGE_DRIVER: z.enum(['disk', 's3']).default('disk'),
  /** The folder for `disk` (default: `.local/documents` under the working directory). */
  STORAGE_DIR: z.string().min(1).default('.local/documents'),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** The largest document accepted, in bytes (default 50 MB); enforced while the upload streams. */
  DOCUMENTS_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
});
export type StorageConfig = z.infer<typeof StorageEnv>;

export function createStorage(config: StorageConfig): BlobStorage {
  if (config.STORAGE_DRIVER === 's3') {
    if (!config.S3_BUCKET) throw new Error('STORAGE_DRIVER=s3 needs S3_BUCKET');
    return new S3Storage({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      bucket: config.S3_BUCKET,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return new DiskStorage(resolve(config.STORAGE_DIR));
}
