import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, call, database, expectProblem, person, untilKnown } from './support/api.js';
import { download, filesIn, fixture, postMultipart, sha256, upload } from './support/documents.js';
import { eventually } from './support/events.js';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
let storageDir: string;
let employee: Person, mentor: Person, editor: Person, client: Person;
const base = () => system.url;
const staff = (who: Person, method: string, path: string, body?: unknown) =>
  call(base(), who, method, `/api/staff/v1${path}`, body);
const clientApi = (who: Person, method: string, path: string, body?: unknown) =>
  call(base(), who, method, `/api/client/v1${path}`, body);

beforeAll(async () => {
  storageDir = await mkdtemp(join(tmpdir(), 'plein-documents-e2e-'));
  system = await startSystem({ documents: { STORAGE_DIR: storageDir } });
  employee = await person(base(), 'staff', 'staff.employee');
  mentor = await person(base(), 'staff', 'staff.mentor');
  editor = await person(base(), 'staff', 'staff.editor');
  client = await person(base(), 'clients', 'client.member');
  const db = await database();
  await untilKnown(db, [employee.id, mentor.id, editor.id, client.id]);
  await db.end();
}, 90_000);

afterAll(async () => {
  await system?.close();
});

const folder = async (who: Person, tree: 'staff' | 'client', body: Record<string, unknown>) => {
  const r = await call(base(), who, 'POST', `/api/${tree}/v1/folders`, body);
  expect(r.status, r.text).toBe(201);
  return r.body;
};

describe('documents in the staff intranet (through the gateway, real tokens)', () => {
  it('uploads a PDF, lists it, and downloads it byte-identical, whole and by range', async () => {
    const pdf = await fixture('huisregels.pdf');
    const f = await folder(employee, 'staff', { name: `Beleid ${Date.now()}` });
    expect(f).toMatchObject({ intranet: 'staff', audience: 'organization', groupId: null, canWrite: true });

    const up = await upload(
      base(),
      employee,
      'staff',
      f.id,
      { filename: 'Huisregels.pdf', content: pdf },
      {
        title: 'Huisregels De Linde',
        tags: 'huisregels, Wonen',
      },
    );
    expect(up.status, up.text).toBe(201);
    expect(up.body).toMatchObject({
      folderId: f.id,
      title: 'Huisregels De Linde',
      tags: ['huisregels', 'wonen'],
      name: 'Huisregels.pdf',
      size: pdf.length,
      mimeType: 'application/pdf',
      sha256: sha256(pdf),
      version: 1,
      ownedByMe: true,
      canWrite: true,
      deletedAt: null,
    });
    // the blob is in the store under Plein's own key, never under the user's name
    expect((await filesIn(storageDir)).filter((p) => p.startsWith('blobs/')).length).toBeGreaterThan(0);
    expect((await filesIn(storageDir)).some((p) => p.includes('Huisregels'))).toBe(false);

    const listed = await staff(mentor, 'GET', `/folders/${f.id}`);
    expect(listed.status, listed.text).toBe(200);
    expect((listed.body as unknown as { files: { id: string }[] }).files.map((x) => x.id)).toEqual([
      up.body.id,
    ]);
    const top = await staff(mentor, 'GET', '/folders');
    expect(top.body.items.map((x) => x.id)).toContain(f.id);
    expect((await staff(mentor, 'GET', `/files/${up.body.id}`)).body).toMatchObject({
      id: up.body.id,
      ownedByMe: false,
    });

    const whole = await download(base(), mentor, `/api/staff/v1/files/${up.body.id}/content`);
    expect(whole.status).toBe(200);
    expect(sha256(whole.bytes)).toBe(sha256(pdf));
    expect(whole.headers.get('content-type')).toBe('application/pdf');
    expect(whole.headers.get('content-length')).toBe(String(pdf.length));
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-disposition')).toBe(
      `attachment; filename="Huisregels.pdf"; filename*=UTF-8''Huisregels.pdf`,
    );
    expect(whole.headers.get('x-content-type-options')).toBe('nosniff');

    const part = await download(base(), mentor, `/api/staff/v1/files/${up.body.id}/content`, {
      range: 'bytes=100-599',
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-599/${pdf.length}`);
    expect(part.bytes.equals(pdf.subarray(100, 600))).toBe(true);
    const tail = await download(base(), mentor, `/api/staff/v1/files/${up.body.id}/content`, {
      range: 'bytes=-10',
    });
    expect(tail.status).toBe(206);
    expect(tail.bytes.equals(pdf.subarray(pdf.length - 10))).toBe(true);
    const open = await download(base(), mentor, `/api/staff/v1/files/${up.body.id}/content`, {
      range: `bytes=${pdf.length - 3}-`,
    });
    expect(open.bytes.equals(pdf.subarray(pdf.length - 3))).toBe(true);
    const outside = await download(base(), mentor, `/api/staff/v1/files/${up.body.id}/content`, {
      range: `bytes=${pdf.length + 10}-`,
    });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${pdf.length}`);
  });

  it('keeps versions: a new one becomes current, the old one stays downloadable and can be restored', async () => {
    const v1 = await fixture('huisregels.pdf');
    const v2 = await fixture('aanmeldformulier-dagbesteding.pdf');
    const f = await folder(editor, 'staff', { name: `Formulieren ${Date.now()}` });
    const up = await upload(base(), editor, 'staff', f.id, { filename: 'formulier.pdf', content: v1 });
    expect(up.status, up.text).toBe(201);
    const id = up.body.id;

    const second = await postMultipart(base(), mentor, `/api/staff/v1/files/${id}/versions`, [
      { name: 'file', filename: 'formulier-2026.pdf', content: v2 },
    ]);
    expect(second.status, second.text).toBe(201);
    expect(second.body).toMatchObject({ id, version: 2, sha256: sha256(v2), name: 'formulier-2026.pdf' });

    const versions = await staff(employee, 'GET', `/files/${id}/versions`);
    expect(versions.status, versions.text).toBe(200);
    expect(versions.body.items.map((v) => [v['n'], v['sha256'], v['current']])).toEqual([
      [2, sha256(v2), true],
      [1, sha256(v1), false],
    ]);
    const current = await download(base(), employee, `/api/staff/v1/files/${id}/content`);
    expect(sha256(current.bytes)).toBe(sha256(v2));
    const old = await download(base(), employee, `/api/staff/v1/files/${id}/content?version=1`);
    expect(sha256(old.bytes)).toBe(sha256(v1));
    expect(old.headers.get('content-disposition')).toContain('formulier.pdf');

    const restored = await staff(employee, 'POST', `/files/${id}/versions/1/restore`);
    expect(restored.status, restored.text).toBe(201);
    expect(restored.body).toMatchObject({ version: 3, sha256: sha256(v1), name: 'formulier.pdf' });
    expect(sha256((await download(base(), employee, `/api/staff/v1/files/${id}/content`)).bytes)).toBe(
      sha256(v1),
    );
    expect((await staff(employee, 'GET', `/files/${id}/versions`)).body.items).toHaveLength(3);
    expectProblem(await staff(employee, 'POST', `/files/${id}/versions/9/restore`), 404);
  });

  it('renames, describes and moves a file; renames and moves a folder (never into itself)', async () => {
    const a = await folder(employee, 'staff', { name: `Team Noord ${Date.now()}` });
    const b = await folder(employee, 'staff', { name: `Archief ${Date.now()}` });
    const sub = await folder(employee, 'staff', { name: 'Notulen', parentId: a.id });
    expect(sub).toMatchObject({ parentId: a.id, intranet: 'staff' });
    const up = await upload(base(), employee, 'staff', sub.id, {
      filename: 'notulen.txt',
      content: Buffer.from('Notulen teamoverleg: de nieuwe roosters gaan in per 1 maart.\n'),
    });
    expect(up.status, up.text).toBe(201);
    expect(up.body).toMatchObject({ mimeType: 'text/plain', title: 'notulen' });

    const moved = await staff(employee, 'PATCH', `/files/${up.body.id}`, {
      title: 'Notulen teamoverleg maart',
      description: 'Vastgesteld',
      name: 'notulen-maart.txt',
      folderId: b.id,
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({
      folderId: b.id,
      title: 'Notulen teamoverleg maart',
      description: 'Vastgesteld',
      name: 'notulen-maart.txt',
    });
    const inB = await staff(employee, 'GET', `/folders/${b.id}`);
    expect((inB.body as unknown as { files: { id: string }[] }).files.map((x) => x.id)).toEqual([up.body.id]);
    const got = await download(base(), employee, `/api/staff/v1/files/${up.body.id}/content`);
    expect(got.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(got.headers.get('content-disposition')).toContain('notulen-maart.txt');

    const renamed = await staff(employee, 'PATCH', `/folders/${sub.id}`, {
      name: 'Notulen 2026',
      parentId: b.id,
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Notulen 2026', parentId: b.id });
    const view = await staff(employee, 'GET', `/folders/${sub.id}`);
    expect((view.body as unknown as { path: { id: string }[] }).path.map((p) => p.id)).toEqual([
      b.id,
      sub.id,
    ]);
    expectProblem(
      await staff(employee, 'PATCH', `/folders/${b.id}`, { parentId: sub.id }),
      422,
      'folder_cycle',
    );
  });

  it('puts a file in the trash, restores it, and purges it (rows and bytes) after 30 days', async () => {
    const pdf = await fixture('huisregels.pdf');
    const f = await folder(employee, 'staff', { name: `Prullenbak ${Date.now()}` });
    const up = await upload(base(), employee, 'staff', f.id, { filename: 'weg.pdf', content: pdf });
    const id = up.body.id;

    const del = await staff(employee, 'DELETE', `/files/${id}`);
    expect(del.status, del.text).toBe(200);
    expect(del.body['deletedAt']).toEqual(expect.any(String));
    expectProblem(await staff(employee, 'GET', `/files/${id}`), 404);
    expect((await download(base(), employee, `/api/staff/v1/files/${id}/content`)).status).toBe(404);
    const inFolder = await staff(employee, 'GET', `/folders/${f.id}`);
    expect((inFolder.body as unknown as { files: unknown[] }).files).toEqual([]);
    const trash = await staff(employee, 'GET', '/trash');
    expect(trash.body.items.map((x) => x.id)).toContain(id);
    expect((await clientApi(client, 'GET', '/trash')).body.items).toEqual([]);

    const back = await staff(employee, 'POST', `/files/${id}/restore`);
    expect(back.status, back.text).toBe(201);
    expect(back.body).toMatchObject({ id, deletedAt: null });
    expect(sha256((await download(base(), employee, `/api/staff/v1/files/${id}/content`)).bytes)).toBe(
      sha256(pdf),
    );
    expectProblem(await staff(employee, 'POST', `/files/${id}/restore`), 409, 'not_in_trash');

    // deleted 31 days ago: the sweep purges the rows and the bytes
    expect((await staff(employee, 'DELETE', `/files/${id}`)).status).toBe(200);
    const db = await database();
    try {
      const { rows } = await db.query<{ blob_key: string }>(
        'select blob_key from documents.file_versions where file_id = $1',
        [id],
      );
      const key = rows[0]!.blob_key;
      expect(await filesIn(storageDir)).toContain(key);
      await db.query(`update documents.files set deleted_at = now() - interval '31 days' where id = $1`, [
        id,
      ]);
      expectProblem(await staff(employee, 'POST', `/files/${id}/restore`), 404);
      await eventually(
        async () => (await db.query('select 1 from documents.files where id = $1', [id])).rowCount,
        (n) => n === 0,
      );
      expect(
        (await db.query('select 1 from documents.file_versions where file_id = $1', [id])).rowCount,
      ).toBe(0);
      await eventually(
        () => filesIn(storageDir),
        (files) => !files.includes(key),
      );
    } finally {
      await db.end();
    }
    expect((await staff(employee, 'GET', '/trash')).body.items.map((x) => x.id)).not.toContain(id);
  });
});

describe('documents of a group: only its members', () => {
  it('a group folder is read and written by members only; others get 404', async () => {
    const group = await staff(employee, 'POST', '/groups', {
      name: `Werkgroep dossiers ${Date.now()}`,
      kind: 'closed',
    });
    expect(group.status, group.text).toBe(201);
    const gf = await folder(employee, 'staff', { name: 'Werkafspraken', groupId: group.body.id });
    expect(gf).toMatchObject({ audience: 'group', groupId: group.body.id, canWrite: true });
    const docx = await fixture('protocol-agressie.docx');
    const up = await upload(base(), employee, 'staff', gf.id, { filename: 'protocol.docx', content: docx });
    expect(up.status, up.text).toBe(201);
    expect(up.body).toMatchObject({ audience: 'group', groupId: group.body.id });

    const mine = await staff(employee, 'GET', `/folders?groupId=${group.body.id}`);
    expect(mine.body.items.map((x) => x.id)).toEqual([gf.id]);
    expect(
      sha256((await download(base(), employee, `/api/staff/v1/files/${up.body.id}/content`)).bytes),
    ).toBe(sha256(docx));

    // a colleague outside the group: nothing, the same answer as for what does not exist
    expect((await staff(mentor, 'GET', `/folders?groupId=${group.body.id}`)).body.items).toEqual([]);
    expectProblem(await staff(mentor, 'GET', `/folders/${gf.id}`), 404);
    expectProblem(await staff(mentor, 'GET', `/files/${up.body.id}`), 404);
    expect((await download(base(), mentor, `/api/staff/v1/files/${up.body.id}/content`)).status).toBe(404);
    expectProblem(await staff(mentor, 'GET', `/files/${up.body.id}/versions`), 404);
    const theirs = await upload(base(), mentor, 'staff', gf.id, {
      filename: 'x.pdf',
      content: await fixture('huisregels.pdf'),
    });
    expect(theirs.status, theirs.text).toBe(404);
    expectProblem(await staff(mentor, 'DELETE', `/files/${up.body.id}`), 404);
    expectProblem(
      await staff(mentor, 'POST', '/folders', { name: 'Eigen map', groupId: group.body.id }),
      403,
    );

    // once a member, they read and write
    const join = await staff(mentor, 'POST', `/groups/${group.body.id}/members`, {});
    if (join.status === 202 || (join.body && join.body['state'] === 'requested')) {
      const ok = await staff(employee, 'POST', `/groups/${group.body.id}/members`, { userId: mentor.id });
      expect([200, 201], ok.text).toContain(ok.status);
    }
    await eventually(
      () => staff(mentor, 'GET', `/files/${up.body.id}`),
      (r) => r.status === 200,
    );
    expect((await staff(mentor, 'GET', `/folders/${gf.id}`)).body['canWrite']).toBe(true);
  });
});

describe('documents in the client intranet', () => {
  it('staff put documents for clients; clients read and download them, never upload or see staff files', async () => {
    const cf = await folder(mentor, 'client', { name: `Huisregels en formulieren ${Date.now()}` });
    expect(cf).toMatchObject({ intranet: 'client', audience: 'organization' });
    const pdf = await fixture('huisregels.pdf');
    const up = await upload(base(), mentor, 'client', cf.id, { filename: 'huisregels.pdf', content: pdf });
    expect(up.status, up.text).toBe(201);
    expect(up.body).toMatchObject({ intranet: 'client' });

    const top = await clientApi(client, 'GET', '/folders');
    expect(top.status, top.text).toBe(200);
    expect(top.body.items.map((x) => x.id)).toContain(cf.id);
    const inside = await clientApi(client, 'GET', `/folders/${cf.id}`);
    expect(inside.body['canWrite']).toBe(false);
    expect((inside.body as unknown as { files: { id: string }[] }).files.map((x) => x.id)).toEqual([
      up.body.id,
    ]);
    const got = await download(base(), client, `/api/client/v1/files/${up.body.id}/content`);
    expect(got.status).toBe(200);
    expect(sha256(got.bytes)).toBe(sha256(pdf));

    // clients read only
    const refused = await upload(base(), client, 'client', cf.id, { filename: 'mijn.pdf', content: pdf });
    expect(refused.status, refused.text).toBe(403);
    expectProblem(await clientApi(client, 'DELETE', `/files/${up.body.id}`), 403);
    expectProblem(await clientApi(client, 'POST', '/folders', { name: 'Van mij' }), 403);

    // a staff folder and file do not exist in the client intranet, for clients and staff alike
    const sf = await folder(employee, 'staff', { name: `Alleen personeel ${Date.now()}` });
    const secret = await upload(base(), employee, 'staff', sf.id, { filename: 'intern.pdf', content: pdf });
    expectProblem(await clientApi(client, 'GET', `/folders/${sf.id}`), 404);
    expectProblem(await clientApi(client, 'GET', `/files/${secret.body.id}`), 404);
    expect((await download(base(), client, `/api/client/v1/files/${secret.body.id}/content`)).status).toBe(
      404,
    );
    expectProblem(await clientApi(mentor, 'GET', `/files/${secret.body.id}`), 404);
    expect((await clientApi(client, 'GET', '/folders')).body.items.map((x) => x.id)).not.toContain(sf.id);
    expect((await call(base(), client, 'GET', `/api/staff/v1/files/${secret.body.id}`)).status).toBe(403);
  });
});
