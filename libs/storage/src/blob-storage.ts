import { type Readable, Transform, type TransformCallback } from 'node:stream';

/** A byte range, both ends inclusive (as in HTTP `Range: bytes=start-end`). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where the documents' bytes live: the storage port. Keys are chosen by Plein (`blobs/<uuid>`), never by a
 * user, so no name can reach outside the store. `put` streams: it never holds a whole file in memory, and a
 * failed or cut-off stream leaves nothing behind under `key`.
 */
export interface BlobStorage {
  readonly kind: 'disk' | 's3';
  /** Streams `source` into `key`; resolves with the number of bytes stored once the blob is complete. */
  put(key: string, source: Readable, contentType?: string): Promise<{ size: number }>;
  /** The blob's bytes (a range of them); throws `BlobNotFound` when there is no such blob. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** The blob's size, or null when there is none. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Removes the blob; a missing blob is no error. */
  delete(key: string): Promise<void>;
  /** Every key under a prefix (tests and the purge check use it). */
  list(prefix: string): Promise<string[]>;
}

export class BlobNotFound extends Error {
  override name = 'BlobNotFound';
  constructor(readonly key: string) {
    super(`No blob ${key}`);
  }
}

const KEY = /^[a-z0-9][a-z0-9/_.-]{0,200}$/;
/** Keys are Plein's own: lowercase, no `..`, no leading slash. */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('..') || key.includes('//')) throw new Error(`Bad blob key: ${key}`);
  return key;
}

/** Reads a whole (small) stream into a buffer, stopping with an error past `maxBytes`. */
export async function readAll(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += b.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new Error(`More than ${maxBytes} bytes`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** Passes bytes through and counts them. */
export class CountingStream extends Transform {
  /** Not `size`: the S3 upload reads a body's `size` as its length before it is streamed. */
  counted = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.counted += chunk.length;
    done(null, chunk);
  }
}
