import { createHash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { DOCUMENT_TYPES, type DocumentMimeType, PleinError, extensionOf } from '@plein/contracts';
import { fileTypeFromBuffer } from 'file-type';
import type { BlobStorage } from './blob-storage.js';

/** How much of the start of a file the type is decided on. */
const HEAD_BYTES = 64 * 1024;

const tooLarge = (max: number) =>
  new PleinError(413, 'content_too_large', `The file is larger than ${max} bytes`, { maxBytes: max });
const unsupported = (detail: string) =>
  new PleinError(415, 'unsupported_file_type', `This kind of file cannot be kept here: ${detail}`);

const LEGACY_OFFICE: Record<string, DocumentMimeType> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/** Text: valid UTF-8 (a character cut at the end of the head is fine) with no NUL and few other control bytes. */
function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return false;
  }
  let control = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  return control <= head.length / 100;
}

/**
 * The type of a file from its first bytes, checked against the allow-list (`DOCUMENT_TYPES`). The name counts
 * only to tell CSV from plain text and which legacy Office format a compound file is — and an extension that
 * belongs to another allowed type is refused (an executable or a script renamed `.pdf` is not a PDF).
 */
export async function detectDocumentType(head: Buffer, name: string): Promise<DocumentMimeType> {
  const ext = extensionOf(name);
  const found = await fileTypeFromBuffer(head);
  let mime: DocumentMimeType;
  if (!found) {
    if (!looksLikeText(head)) throw unsupported('unknown binary content');
    mime = ext === 'csv' ? 'text/csv' : 'text/plain';
  } else if (found.mime === 'application/x-cfb') {
    const legacy = LEGACY_OFFICE[ext];
    if (!legacy) throw unsupported('a compound file that is not a .doc, .xls or .ppt');
    mime = legacy;
  } else if (found.mime in DOCUMENT_TYPES) {
    mime = found.mime as DocumentMimeType;
  } else {
    throw unsupported(found.mime);
  }
  const owner = (Object.keys(DOCUMENT_TYPES) as DocumentMimeType[]).find((m) =>
    (DOCUMENT_TYPES[m] as readonly string[]).includes(ext),
  );
  if (owner && owner !== mime && !(mime === 'text/plain' && owner === 'text/csv')) {
    throw unsupported(`the name says .${ext} but the content is ${mime}`);
  }
  return mime;
}

/**
 * Counts, hashes and type-checks a file as it streams through: past `maxBytes` it fails (413) at once; the
 * type is decided on the first 64 KiB before any of it is passed on (415 for what is not allowed); an empty
 * file fails (400). Holds at most the head in memory.
 */
export class InspectingStream extends Transform {
  /** Bytes seen (not `size`: the S3 upload would read that as the body's length). */
  bytes = 0;
  mimeType: DocumentMimeType | undefined;
  private readonly hash = createHash('sha256');
  private head: Buffer[] = [];
  private headSize = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly name: string,
  ) {
    super();
  }

  get sha256(): string {
    return this.hash.copy().digest('hex');
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return done(tooLarge(this.maxBytes));
    this.hash.update(chunk);
    if (this.mimeType) return done(null, chunk);
    this.head.push(chunk);
    this.headSize += chunk.length;
    if (this.headSize < HEAD_BYTES) return done();
    this.decide().then(() => done(), done);
  }

  override _flush(done: TransformCallback): void {
    if (this.bytes === 0) return done(new PleinError(400, 'empty_file', 'The file is empty'));
    if (this.mimeType) return done();
    this.decide().then(() => done(), done);
  }

  private async decide(): Promise<void> {
    const head = Buffer.concat(this.head);
    this.head = [];
    this.mimeType = await detectDocumentType(head.subarray(0, HEAD_BYTES), this.name);
    this.push(head);
  }
}

export interface StoredUpload {
  key: string;
  size: number;
  sha256: string;
  mimeType: DocumentMimeType;
}

/**
 * Streams an upload into the store under `key`, inspecting it on the way. On any failure (too large, wrong
 * type, empty, the client gone) nothing is left under `key`, and the error is thrown.
 */
export async function storeUpload(
  storage: BlobStorage,
  key: string,
  source: Readable,
  options: { maxBytes: number; name: string },
): Promise<StoredUpload> {
  const inspect = new InspectingStream(options.maxBytes, options.name);
  // the inspection's own refusal (413, 415, 400) is what the caller is told, even when the store reports it
  // as a premature close; listening at once also keeps an early refusal from being an unhandled error
  let refusal: Error | undefined;
  inspect.on('error', (err) => (refusal ??= err));
  const onSourceError = (err: Error) => inspect.destroy(err);
  // a source that closes without ending (destroyed, with or without an error) is a cut-off upload
  const onSourceClose = () => {
    if (!source.readableEnded) inspect.destroy(refusal ?? new Error('The upload was cut off'));
  };
  if (source.destroyed) onSourceClose();
  source.once('error', onSourceError);
  source.once('close', onSourceClose);
  source.pipe(inspect);
  try {
    await storage.put(key, inspect);
  } catch (err) {
    source.unpipe(inspect);
    await storage.delete(key).catch(() => undefined);
    throw refusal ?? err;
  } finally {
    source.off('error', onSourceError);
    source.off('close', onSourceClose);
  }
  return { key, size: inspect.bytes, sha256: inspect.sha256, mimeType: inspect.mimeType! };
}
