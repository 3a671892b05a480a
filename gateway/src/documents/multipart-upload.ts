import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { PleinError, badRequest, sanitizeFileName } from '@plein/contracts';
import { type BlobStorage, type StoredUpload, storeUpload } from '@plein/storage';
import busboy from 'busboy';
import type { Request } from 'express';

export interface ReceivedUpload {
  fields: Record<string, string>;
  stored: StoredUpload & { name: string };
}

const FIELD_MAX = 4096;

/**
 * Reads a multipart/form-data upload as a stream: the text fields first (they must come before the file, so
 * `authorize` can decide before a byte is stored), then the one file, straight into the storage through
 * `storeUpload` (size limit, type from the content, SHA-256) — never whole in memory. On any failure nothing
 * is left in the store: too large (413), not an allowed type (415), empty, malformed or cut off (400). The rest
 * of a refused body is read and dropped, so the client gets the answer.
 */
export function receiveUpload(
  req: Request,
  storage: BlobStorage,
  options: {
    maxBytes: number;
    /** Called when the file starts, with the fields sent before it; throws to refuse. */
    authorize: (fields: Record<string, string>) => Promise<void>;
  },
): Promise<ReceivedUpload> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new PleinError(415, 'unsupported_media_type', 'Send the upload as multipart/form-data'),
    );
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes + 64 * 1024) {
    req.resume();
    return Promise.reject(
      new PleinError(413, 'content_too_large', `The file is larger than ${options.maxBytes} bytes`, {
        maxBytes: options.maxBytes,
      }),
    );
  }
  return new Promise<ReceivedUpload>((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 10, fieldSize: FIELD_MAX, parts: 12, fileSize: options.maxBytes + 1 },
      });
    } catch {
      reject(badRequest('The multipart body could not be read'));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Promise<ReceivedUpload['stored']> | undefined;
    let fileStream: Readable | undefined;
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      const error = err instanceof Error ? err : new Error(String(err));
      req.unpipe(bb);
      req.resume(); // drop the rest, so the client reads the answer
      // a file still streaming stops (and leaves nothing); one already stored is removed again
      fileStream?.destroy(error);
      void file?.then(
        (stored) => storage.delete(stored.key).catch(() => undefined),
        () => undefined,
      );
      reject(error);
    };
    req.on('close', () => {
      if (req.complete) return;
      const cut = new PleinError(400, 'upload_aborted', 'The upload was cut off');
      fileStream?.destroy(cut);
      fail(cut);
    });
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(badRequest(`The field ${name} is too long`));
      fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume();
        return fail(badRequest('Send one file, in the field "file"'));
      }
      fileStream = stream;
      stream.on('error', () => undefined); // its failures reach the caller through storeUpload or fail()
      const fileName = sanitizeFileName(info.filename ?? '');
      const key = `blobs/${randomUUID()}`;
      file = (async () => {
        await options.authorize({ ...fields });
        if (settled) throw new Error('The upload was refused meanwhile');
        const stored = await storeUpload(storage, key, stream, {
          maxBytes: options.maxBytes,
          name: fileName,
        });
        return { ...stored, name: fileName };
      })();
      file.catch((err: unknown) => {
        stream.resume();
        fail(err);
      });
    });
    bb.on('partsLimit', () => fail(badRequest('Too many parts')));
    bb.on('fieldsLimit', () => fail(badRequest('Too many fields')));
    bb.on('filesLimit', () => fail(badRequest('Send one file, in the field "file"')));
    bb.on('error', () => fail(badRequest('The multipart body could not be read')));
    bb.on('close', () => {
      if (!file) return fail(badRequest('No file: send it in the field "file"'));
      file.then(
        (stored) => {
          if (settled) {
            void storage.delete(stored.key).catch(() => undefined);
            return;
          }
          settled = true;
          resolve({ fields, stored });
        },
        (err: unknown) => fail(err),
      );
    });
    req.pipe(bb);
  });
}
