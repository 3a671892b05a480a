import { request } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { type Person, call, database, expectProblem, person } from './support/api.js';
import { filesIn, fixture, multipart, postMultipart, sha256, upload } from './support/documents.js';
import { eventually } from './support/events.js';
import { type RunningSystem, startSystem } from './support/system.js';

/**
 * Bad uploads, each checked afterwards in the storage (the folder the gateway and the service share) and the
 * database: nothing half-written, ever.
 */
const LIMIT = 1024 * 1024;
let system: RunningSystem;
let storageDir: string;
let employee: Person;
let folderId: string;
let db: pg.Client;
const base = () => system.url;

beforeAll(async () => {
  storageDir = await mkdtemp(join(tmpdir(), 'plein-documents-bad-'));
  system = await startSystem({ documents: { STORAGE_DIR: storageDir, DOCUMENTS_MAX_BYTES: String(LIMIT) } });
  employee = await person(base(), 'staff', 'staff.employee');
  const f = await call(base(), employee, 'POST', '/api/staff/v1/folders', { name: `Invoer ${Date.now()}` });
  expect(f.status, f.text).toBe(201);
  folderId = f.body.id;
  db = await database();
}, 90_000);

afterAll(async () => {
  await db?.end();
  await system?.close();
});

const fileRows = async () =>
  (await db.query<{ n: number }>('select count(*)::int as n from documents.files')).rows[0]!.n;
const versionRows = async () =>
  (await db.query<{ n: number }>('select count(*)::int as n from documents.file_versions')).rows[0]!.n;

let before: { files: string[]; rows: number; versions: number };
beforeEach(async () => {
  before = { files: await filesIn(storageDir), rows: await fileRows(), versions: await versionRows() };
});
/** Nothing new in the store (no blob, no half-written temp file) and no new row. */
async function nothingLeft(): Promise<void> {
  await eventually(
    () => filesIn(storageDir),
    (files) => JSON.stringify(files) === JSON.stringify(before.files),
    5000,
  );
  expect(await fileRows()).toBe(before.rows);
  expect(await versionRows()).toBe(before.versions);
}

const ELF = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
  Buffer.alloc(8),
  Buffer.from([0x02, 0x00, 0x3e, 0x00, 0x01, 0x00, 0x00, 0x00]),
  Buffer.alloc(4000, 0x90),
]);

describe('bad uploads leave nothing behind', () => {
  it('refuses a file over the limit while it streams (413), with nothing stored', async () => {
    // sent in chunks without a Content-Length, so only the streaming check can catch it
    const big = Buffer.alloc(3 * LIMIT, 0x41);
    const { body, contentType } = multipart([
      { name: 'folderId', value: folderId },
      { name: 'file', filename: 'groot.txt', content: big },
    ]);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL(`${base()}/api/staff/v1/files`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            authorization: `Bearer ${employee.token}`,
            'content-type': contentType,
            'transfer-encoding': 'chunked',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      let i = 0;
      const next = () => {
        while (i < body.length) {
          const chunk = body.subarray(i, i + 64 * 1024);
          i += chunk.length;
          if (!req.write(chunk)) return req.once('drain', next);
        }
        req.end();
      };
      next();
    });
    expect(answer.status, answer.text).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'content_too_large' });
    await nothingLeft();
  });

  it('refuses a declared Content-Length over the limit before reading (413)', async () => {
    const up = await upload(base(), employee, 'staff', folderId, {
      filename: 'groot.pdf',
      content: Buffer.alloc(2 * LIMIT, 0x41),
    });
    expect(up.status, up.text).toBe(413);
    await nothingLeft();
  });

  it('refuses an executable renamed .pdf, and a script renamed .pdf (415)', async () => {
    const elf = await upload(base(), employee, 'staff', folderId, { filename: 'factuur.pdf', content: ELF });
    expect(elf.status, elf.text).toBe(415);
    expect(elf.body.code).toBe('unsupported_file_type');
    await nothingLeft();
    const script = await upload(base(), employee, 'staff', folderId, {
      filename: 'rooster.pdf',
      content: Buffer.from('#!/bin/sh\nrm -rf / --no-preserve-root\n'),
    });
    expect(script.status, script.text).toBe(415);
    await nothingLeft();
    const zip = await upload(base(), employee, 'staff', folderId, {
      filename: 'archief.zip',
      content: Buffer.from('504b0304140000000800', 'hex'),
    });
    expect(zip.status, zip.text).toBe(415);
    await nothingLeft();
  });

  it('refuses a zero-byte file (400)', async () => {
    const empty = await upload(base(), employee, 'staff', folderId, {
      filename: 'leeg.pdf',
      content: Buffer.alloc(0),
    });
    expect(empty.status, empty.text).toBe(400);
    expect(empty.body.code).toBe('empty_file');
    await nothingLeft();
  });

  it('keeps a cut-off upload nowhere: no partial file, no row', async () => {
    const { body, contentType } = multipart([
      { name: 'folderId', value: folderId },
      { name: 'file', filename: 'half.txt', content: Buffer.alloc(LIMIT - 1000, 0x42) },
    ]);
    await new Promise<void>((resolve) => {
      const url = new URL(`${base()}/api/staff/v1/files`);
      const req = request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          authorization: `Bearer ${employee.token}`,
          'content-type': contentType,
          'content-length': String(body.length),
        },
      });
      req.on('error', () => resolve());
      req.write(body.subarray(0, Math.floor(body.length / 2)), () => {
        // give the gateway time to start storing, then go away halfway
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 300);
      });
    });
    await nothingLeft();
  });

  it('sanitises names: no path, no NUL, no 500 characters — and the store only knows its own keys', async () => {
    const pdf = await fixture('huisregels.pdf');
    const traversal = await upload(base(), employee, 'staff', folderId, {
      filename: '../../../etc/passwd.pdf',
      content: pdf,
    });
    expect(traversal.status, traversal.text).toBe(201);
    expect(traversal.body['name']).toBe('passwd.pdf');
    const windows = await upload(base(), employee, 'staff', folderId, {
      filename: '..\\..\\boot.ini.pdf',
      content: pdf,
    });
    expect(windows.body['name']).toBe('boot.ini.pdf');
    // a raw NUL in the part's header is malformed multipart: refused, nothing stored
    const rawNul = await upload(base(), employee, 'staff', folderId, {
      filename: 'huis\u0000regels.pdf',
      content: pdf,
    });
    expect(rawNul.status, rawNul.text).toBe(400);
    // the same name sent encoded (RFC 5987) arrives with its NUL, which the sanitiser takes out
    const nul = await postMultipart(base(), employee, '/api/staff/v1/files', [
      { name: 'folderId', value: folderId },
      { name: 'file', filename: 'x.pdf', encodedFilename: 'huis%00regels.pdf', content: pdf },
    ]);
    expect(nul.status, nul.text).toBe(201);
    expect(nul.body['name']).toBe('huisregels.pdf');
    const long = await upload(base(), employee, 'staff', folderId, {
      filename: `${'a'.repeat(500)}.pdf`,
      content: pdf,
    });
    expect(long.status, long.text).toBe(201);
    expect(long.body['name']).toBe(`${'a'.repeat(196)}.pdf`);
    expect((long.body['title'] as string).length).toBeLessThanOrEqual(200);

    const { rows } = await db.query<{ name: string; blob_key: string; sha256: string }>(
      'select name, blob_key, sha256 from documents.file_versions where file_id = any($1::uuid[])',
      [[traversal.body.id, windows.body.id, nul.body.id, long.body.id]],
    );
    expect(rows.map((r) => r.name).sort()).toEqual(
      ['a'.repeat(196) + '.pdf', 'boot.ini.pdf', 'huisregels.pdf', 'passwd.pdf'].sort(),
    );
    for (const r of rows) {
      expect(r.blob_key).toMatch(/^blobs\/[0-9a-f-]{36}$/);
      expect(r.sha256).toBe(sha256(pdf));
      expect(r.name.includes('\u0000') || r.name.includes('/') || r.name.includes('\\')).toBe(false);
    }
    const files = await filesIn(storageDir);
    expect(files.every((f) => /^blobs\/[0-9a-f-]{36}$/.test(f))).toBe(true);
    const dl = await fetch(`${base()}/api/staff/v1/files/${nul.body.id}/content`, {
      headers: { authorization: `Bearer ${employee.token}` },
    });
    expect(dl.headers.get('content-disposition')).toBe(
      `attachment; filename="huisregels.pdf"; filename*=UTF-8''huisregels.pdf`,
    );
  });

  it('refuses malformed uploads with a reason: not multipart, no file, the file before folderId, two files', async () => {
    const json = await call(base(), employee, 'POST', '/api/staff/v1/files', { folderId });
    expectProblem(json, 415);
    const pdf = await fixture('huisregels.pdf');
    const noFile = await postMultipart(base(), employee, '/api/staff/v1/files', [
      { name: 'folderId', value: folderId },
    ]);
    expect(noFile.status, noFile.text).toBe(400);
    const fileFirst = await postMultipart(base(), employee, '/api/staff/v1/files', [
      { name: 'file', filename: 'a.pdf', content: pdf },
      { name: 'folderId', value: folderId },
    ]);
    expect(fileFirst.status, fileFirst.text).toBe(400);
    expect(fileFirst.text).toContain('folderId');
    const two = await postMultipart(base(), employee, '/api/staff/v1/files', [
      { name: 'folderId', value: folderId },
      { name: 'file', filename: 'a.pdf', content: pdf },
      { name: 'file', filename: 'b.pdf', content: pdf },
    ]);
    expect(two.status, two.text).toBe(400);
    const badFolder = await upload(base(), employee, 'staff', '00000000-0000-4000-8000-000000000000', {
      filename: 'a.pdf',
      content: pdf,
    });
    expect(badFolder.status, badFolder.text).toBe(404);
    const badTag = await upload(
      base(),
      employee,
      'staff',
      folderId,
      { filename: 'a.pdf', content: pdf },
      { tags: '!!!' },
    );
    expect(badTag.status, badTag.text).toBe(400);
    await nothingLeft();
  });
});
