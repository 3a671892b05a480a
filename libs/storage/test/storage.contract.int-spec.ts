import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { BlobNotFound, type BlobStorage, DiskStorage, S3Storage, readAll, storeUpload } from '@plein/storage';
import { ensureTestS3 } from '@plein/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The storage port's contract: the same suite for every adapter — local disk and S3 (against s3proxy, a real
 * S3-compatible server started here).
 */
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const bytes = (n: number, seed = 1) => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) % 251;
  return b;
};
/** A stream that gives `total` bytes in chunks and then fails (a client gone halfway). */
function cutOff(total: number, failAfter: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= failAfter) {
        this.destroy(new Error('client went away'));
        return;
      }
      const n = Math.min(64 * 1024, failAfter - sent, total - sent);
      sent += n;
      this.push(bytes(n, sent));
    },
  });
}

const adapters: { name: string; make: () => Promise<{ storage: BlobStorage; done: () => Promise<void> }> }[] =
  [
    {
      name: 'disk',
      make: async () => {
        const dir = await mkdtemp(join(tmpdir(), 'plein-storage-'));
        return { storage: new DiskStorage(dir), done: () => rm(dir, { recursive: true, force: true }) };
      },
    },
    {
      name: 's3 (s3proxy)',
      make: async () => {
        const s3 = await ensureTestS3();
        const bucket = `contract-${randomUUID().slice(0, 8)}`;
        const storage = new S3Storage({
          endpoint: s3.endpoint,
          region: 'us-east-1',
          bucket,
          accessKeyId: s3.accessKeyId,
          secretAccessKey: s3.secretAccessKey,
          forcePathStyle: true,
        });
        await storage.client.send(new CreateBucketCommand({ Bucket: bucket }));
        return { storage, done: () => Promise.resolve() };
      },
    },
  ];

describe.each(adapters)('storage contract: $name', ({ make }) => {
  let storage: BlobStorage;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ storage, done } = await make());
  }, 120_000);
  afterAll(() => done());

  it('stores a stream and gives the same bytes back, whole and by range', async () => {
    const data = bytes(3 * 1024 * 1024 + 17);
    const key = `blobs/${randomUUID()}`;
    expect(await storage.put(key, Readable.from([data.subarray(0, 1000), data.subarray(1000)]))).toEqual({
      size: data.length,
    });
    expect(await storage.stat(key)).toEqual({ size: data.length });
    expect(sha(await readAll(await storage.get(key), 10e6))).toBe(sha(data));
    const part = await readAll(await storage.get(key, { start: 100, end: 1099 }), 10e6);
    expect(part.equals(data.subarray(100, 1100))).toBe(true);
    const tail = await readAll(await storage.get(key, { start: data.length - 5, end: data.length - 1 }), 10);
    expect(tail.equals(data.subarray(data.length - 5))).toBe(true);
  });

  it('stores a large stream in parts (more than one multipart part) byte-identical', async () => {
    const data = bytes(12 * 1024 * 1024 + 3, 7);
    const key = `blobs/${randomUUID()}`;
    const source = new PassThrough();
    const put = storage.put(key, source);
    for (let i = 0; i < data.length; i += 256 * 1024) source.write(data.subarray(i, i + 256 * 1024));
    source.end();
    expect((await put).size).toBe(data.length);
    expect(sha(await readAll(await storage.get(key), 20e6))).toBe(sha(data));
  });

  it('leaves nothing under the key when the stream fails halfway', async () => {
    const key = `blobs/${randomUUID()}`;
    await expect(storage.put(key, cutOff(10 * 1024 * 1024, 6 * 1024 * 1024 + 5))).rejects.toThrow(
      /went away/,
    );
    expect(await storage.stat(key)).toBeNull();
    expect(await storage.list(key)).toEqual([]);
    if (storage instanceof DiskStorage) {
      const tmp = await readdir(join((storage as unknown as { root: string }).root, '.tmp'));
      expect(tmp).toEqual([]);
    }
  });

  it('answers BlobNotFound / null for a missing blob, and deletes idempotently', async () => {
    const key = `blobs/${randomUUID()}`;
    await expect(storage.get(key)).rejects.toBeInstanceOf(BlobNotFound);
    expect(await storage.stat(key)).toBeNull();
    await storage.put(key, Readable.from([Buffer.from('hallo')]));
    expect(await storage.list('blobs/')).toContain(key);
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.stat(key)).toBeNull();
    expect(await storage.list('blobs/')).not.toContain(key);
  });

  it('refuses keys that are not Plein’s own', async () => {
    for (const key of ['../etc/passwd', '/abs', 'blobs/../x', 'Blobs/X']) {
      await expect(storage.put(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(/Bad blob key/);
    }
  });

  it('storeUpload: over the limit fails while streaming and leaves nothing', async () => {
    const key = `blobs/${randomUUID()}`;
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 64 * 1024;
        this.push(produced > 50 * 1024 * 1024 ? null : Buffer.alloc(64 * 1024, 0x41));
      },
    });
    await expect(
      storeUpload(storage, key, endless, { maxBytes: 1024 * 1024, name: 'a.txt' }),
    ).rejects.toMatchObject({ status: 413 });
    expect(produced).toBeLessThan(10 * 1024 * 1024);
    expect(await storage.stat(key)).toBeNull();
  });

  it('storeUpload: keeps the hash, size and detected type', async () => {
    const key = `blobs/${randomUUID()}`;
    const text = Buffer.from('naam;telefoon\nAnna;0612345678\n');
    const stored = await storeUpload(storage, key, Readable.from([text]), {
      maxBytes: 1e6,
      name: 'lijst.csv',
    });
    expect(stored).toEqual({ key, size: text.length, sha256: sha(text), mimeType: 'text/csv' });
    expect((await readAll(await storage.get(key), 1e6)).equals(text)).toBe(true);
  });
});
