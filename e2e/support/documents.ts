import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Person } from './api.js';

export const FIXTURES = resolve(import.meta.dirname, '../../deploy/seed/documents');
export const fixture = (name: string) => readFile(join(FIXTURES, name));
export const sha256 = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

export type Part =
  | { name: string; value: string }
  | { name: string; filename: string; content: Buffer; type?: string; encodedFilename?: string };

/** A multipart/form-data body built by hand (so a test can send any file name, even one with NUL in it). */
export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----plein${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in p) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"` +
            (p.encodedFilename ? `; filename*=UTF-8''${p.encodedFilename}` : '') +
            '\r\n' +
            `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        p.content,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface Uploaded {
  status: number;
  body: Record<string, unknown> & { id: string; code?: string };
  text: string;
}

/** POSTs a multipart body to the gateway as someone. */
export async function postMultipart(
  base: string,
  who: Person,
  path: string,
  parts: Part[],
): Promise<Uploaded> {
  const { body, contentType } = multipart(parts);
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who.token}`, 'content-type': contentType },
    body,
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = {};
  }
  return { status: res.status, body: parsed as Uploaded['body'], text };
}

export const upload = (
  base: string,
  who: Person,
  tree: 'staff' | 'client',
  folderId: string,
  file: { filename: string; content: Buffer },
  fields: Record<string, string> = {},
) =>
  postMultipart(base, who, `/api/${tree}/v1/files`, [
    { name: 'folderId', value: folderId },
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    { name: 'file', ...file },
  ]);

/** Downloads as someone: the status, the headers and the bytes. */
export async function download(
  base: string,
  who: Person,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${who.token}`, ...headers },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Every file under a storage folder (relative paths), the temp folder included. */
export async function filesIn(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, prefix: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) await walk(join(d, e.name), `${prefix}${e.name}/`);
      else out.push(`${prefix}${e.name}`);
    }
  };
  await walk(dir, '');
  return out.sort();
}
