import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobNotFound, CountingStream, type BlobStorage, type ByteRange, checkKey } from './blob-storage.js';

/**
 * Blobs as files under one folder. A blob is written to `.tmp/<uuid>` and renamed into place only when the
 * stream has ended well, so a cut-off upload never shows up under its key; stale `.tmp` files (a crash in
 * the middle of a write) are removed by `sweepTemp`.
 */
export class DiskStorage implements BlobStorage {
  readonly kind = 'disk' as const;
  private readonly tmp: string;

  constructor(private readonly root: string) {
    this.tmp = join(root, '.tmp');
  }

  private path(key: string): string {
    return join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, source: Readable): Promise<{ size: number }> {
    const target = this.path(key);
    await mkdir(this.tmp, { recursive: true });
    const temp = join(this.tmp, randomUUID());
    const counter = new CountingStream();
    const out = createWriteStream(temp, { flags: 'wx' });
    try {
      await pipeline(source, counter, out);
      await mkdir(dirname(target), { recursive: true });
      await rename(temp, target);
      return { size: counter.counted };
    } catch (err) {
      // the file may still be opening when the source fails at once: remove it only once it is closed
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      await unlink(temp).catch(() => undefined);
      throw err;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.path(key);
    if (!(await this.stat(key))) throw new BlobNotFound(key);
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const s = await stat(this.path(key));
      return s.isFile() ? { size: s.size } : null;
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const full = join(dir, e.name);
        if (e.isDirectory()) await walk(full);
        else out.push(relative(this.root, full).split(sep).join('/'));
      }
    };
    await walk(this.root);
    return out.filter((k) => k.startsWith(prefix)).sort();
  }

  /** Half-written files older than `olderThanMs` (a process that died in the middle of a write). */
  async sweepTemp(olderThanMs: number): Promise<number> {
    let removed = 0;
    let names: string[];
    try {
      names = await readdir(this.tmp);
    } catch {
      return 0;
    }
    for (const name of names) {
      const s = await stat(join(this.tmp, name)).catch(() => null);
      if (s && Date.now() - s.mtimeMs > olderThanMs) {
        await rm(join(this.tmp, name), { force: true });
        removed++;
      }
    }
    return removed;
  }
}
