import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { type EventEnvelope, ErasureRequested, personalDataExport } from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import { connectTestNats, testRpcClient } from '@plein/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, call, database, person, untilKnown } from './support/api.js';
import { fixture, sha256, upload } from './support/documents.js';
import { eventually, readEvents } from './support/events.js';
import { createKeycloakUser, deleteKeycloakUser, type TestPerson } from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
let employee: Person, mentor: Person, client: Person;
const base = () => system.url;

interface Result {
  items: { type: string; id: string; title: string; snippet: string }[];
  total: number;
  facets: Record<string, number>;
}
const NOTHING = { items: [], total: 0, facets: {} };
const search = async (who: Person, tree: 'staff' | 'client', q: string): Promise<Result> => {
  const r = await call<Result>(base(), who, 'GET', `/api/${tree}/v1/search?q=${encodeURIComponent(q)}`);
  expect(r.status, r.text).toBe(200);
  return r.body;
};
const folder = async (who: Person, tree: 'staff' | 'client', body: Record<string, unknown>) => {
  const r = await call(base(), who, 'POST', `/api/${tree}/v1/folders`, body);
  expect(r.status, r.text).toBe(201);
  return r.body.id;
};

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'plein-documents-search-'));
  system = await startSystem({ documents: { STORAGE_DIR: dir } });
  employee = await person(base(), 'staff', 'staff.employee');
  mentor = await person(base(), 'staff', 'staff.mentor');
  client = await person(base(), 'clients', 'client.member');
  const db = await database();
  await untilKnown(db, [employee.id, mentor.id, client.id]);
  await db.end();
}, 90_000);

afterAll(async () => {
  await system?.close();
});

describe('documents in search (text extracted from the file, with the file’s visibility)', () => {
  it('finds a real DOCX and a real PDF by words inside them; a client finds nothing of a staff document', async () => {
    const staffFolder = await folder(employee, 'staff', { name: `Protocollen ${Date.now()}` });
    const docx = await upload(base(), employee, 'staff', staffFolder, {
      filename: 'protocol-agressie.docx',
      content: await fixture('protocol-agressie.docx'),
    });
    expect(docx.status, docx.text).toBe(201);
    const pdf = await upload(
      base(),
      employee,
      'staff',
      staffFolder,
      {
        filename: 'aanmelden.pdf',
        content: await fixture('aanmeldformulier-dagbesteding.pdf'),
      },
      { title: 'Formulier voor de dagbesteding' },
    );
    expect(pdf.status, pdf.text).toBe(201);

    // words only inside the files, not in their titles or names
    const byDocx = await eventually(
      () => search(mentor, 'staff', 'opvangteam'),
      (r) => r.items.some((i) => i.id === docx.body.id),
    );
    // (other test files may have put the same demo files elsewhere: this one must be among the hits)
    expect(byDocx.items.map((i) => [i.type, i.id])).toContainEqual(['document', docx.body.id]);
    // the file's own hit shows where the word is. (Other hits may be other content: Dutch compounds split, so
    // "opvangteam" also finds a team "Nachtopvang" that other test files' demo data put in the index.)
    const docxHit = byDocx.items.find((i) => i.id === docx.body.id)!;
    expect(docxHit.type).toBe('document');
    expect(docxHit.snippet).toContain('<mark>');
    expect(byDocx.items.filter((i) => i.type === 'document').every((i) => i.snippet.includes('<mark>'))).toBe(
      true,
    );
    const byPdf = await eventually(
      () => search(mentor, 'staff', 'houtwerkplaats'),
      (r) => r.items.some((i) => i.id === pdf.body.id),
    );
    expect(byPdf.items.map((i) => [i.type, i.id, i.title])).toContainEqual([
      'document',
      pdf.body.id,
      'Formulier voor de dagbesteding',
    ]);

    // the leak test: a client (and staff through the client tree) find nothing of it, not even a count
    expect(await search(client, 'client', 'opvangteam')).toEqual(NOTHING);
    expect(await search(client, 'client', 'houtwerkplaats')).toEqual(NOTHING);
    expect(await search(client, 'client', 'Protocol agressie')).toEqual(NOTHING);
    expect(await search(mentor, 'client', 'opvangteam')).toEqual(NOTHING);
    expect((await call(base(), client, 'GET', '/api/staff/v1/search?q=opvangteam')).status).toBe(403);

    // a document put in the client intranet is found there
    const clientFolder = await folder(mentor, 'client', { name: `Voor bewoners ${Date.now()}` });
    const rules = await upload(base(), mentor, 'client', clientFolder, {
      filename: 'huisregels.pdf',
      content: await fixture('huisregels.pdf'),
    });
    expect(rules.status, rules.text).toBe(201);
    const forClient = await eventually(
      () => search(client, 'client', 'lindeboom'),
      (r) => r.items.some((i) => i.id === rules.body.id),
    );
    expect(forClient.items.every((i) => i.type === 'document')).toBe(true);

    // in the trash it leaves search; restored it comes back
    expect((await call(base(), employee, 'DELETE', `/api/staff/v1/files/${docx.body.id}`)).status).toBe(200);
    await eventually(
      () => search(mentor, 'staff', 'opvangteam'),
      (r) => !r.items.some((i) => i.id === docx.body.id),
    );
    expect((await call(base(), employee, 'POST', `/api/staff/v1/files/${docx.body.id}/restore`)).status).toBe(
      201,
    );
    await eventually(
      () => search(mentor, 'staff', 'opvangteam'),
      (r) => r.items.some((i) => i.id === docx.body.id),
    );
  });

  it('a group document is found by the group’s members only', async () => {
    const group = await call(base(), employee, 'POST', '/api/staff/v1/groups', {
      name: `Werkgroep zoeken ${Date.now()}`,
      kind: 'closed',
    });
    expect(group.status, group.text).toBe(201);
    const gf = await folder(employee, 'staff', { name: 'Stukken', groupId: group.body.id });
    const word = `kwartaalcijfers${randomUUID().slice(0, 6)}`;
    const up = await upload(base(), employee, 'staff', gf, {
      filename: 'cijfers.txt',
      content: Buffer.from(`Vertrouwelijk: de ${word} van het team.\n`),
    });
    expect(up.status, up.text).toBe(201);
    await eventually(
      () => search(employee, 'staff', word),
      (r) => r.total === 1,
    );
    expect(await search(mentor, 'staff', word)).toEqual(NOTHING);
  });
});

describe('AVG: erasure and export', () => {
  let leaver: TestPerson;
  afterAll(async () => {
    if (leaver) await deleteKeycloakUser(leaver);
  });

  it('exports what documents holds of a person, and on erasure their documents stay with the organisation', async () => {
    leaver = await createKeycloakUser('staff', 'Vertrekt', 'Binnenkort', ['employee']);
    const who = await person(base(), 'staff', leaver.username);
    const f = await folder(who, 'staff', { name: `Overdracht ${Date.now()}` });
    const pdf = await fixture('huisregels.pdf');
    const up = await upload(base(), who, 'staff', f, { filename: 'overdracht.pdf', content: pdf });
    expect(up.status, up.text).toBe(201);

    const rpc = testRpcClient('gateway');
    try {
      const exported = await callRpc(rpc, personalDataExport('documents'), { userId: who.id });
      expect(exported.service).toBe('documents');
      expect(exported.sections['files']!.map((x) => x['id'])).toEqual([up.body.id]);
      expect(exported.sections['versions']!.map((x) => x['sha256'])).toEqual([sha256(pdf)]);
      expect(exported.sections['folders']!.map((x) => x['id'])).toEqual([f]);
      const nobody = await callRpc(rpc, personalDataExport('documents'), { userId: randomUUID() });
      expect(nobody.sections).toEqual({ files: [], versions: [], folders: [] });
    } finally {
      await rpc.close();
    }

    const erasureId = randomUUID();
    const envelope: EventEnvelope = {
      id: randomUUID(),
      type: ErasureRequested.type,
      occurredAt: new Date().toISOString(),
      source: 'identity',
      version: 1,
      data: {
        erasureId,
        userId: who.id,
        realm: 'staff',
        byUserId: null,
        requestedAt: new Date().toISOString(),
      },
    };
    const nc = await connectTestNats();
    try {
      await jetstream(nc).publish(ErasureRequested.type, JSON.stringify(envelope), { msgID: envelope.id });
    } finally {
      await nc.close();
    }
    const confirmed = await eventually(
      async () =>
        (await readEvents('plein.documents.erasure.confirmed')).filter(
          (e) => (e.envelope.data as { erasureId: string }).erasureId === erasureId,
        ),
      (events) => events.length === 1,
    );
    expect(confirmed[0]!.envelope.data).toMatchObject({
      userId: who.id,
      service: 'documents',
      removed: {},
      anonymised: { ownedFiles: 1, uploadedVersions: 1, folders: 1, trashedFiles: 0 },
    });

    const db = await database();
    try {
      const file = await db.query('select owner_id from documents.files where id = $1', [up.body.id]);
      expect(file.rows).toEqual([{ owner_id: null }]);
      const left = await db.query(
        `select (select count(*)::int from documents.files where owner_id = $1 or deleted_by = $1)
              + (select count(*)::int from documents.file_versions where uploaded_by = $1)
              + (select count(*)::int from documents.folders where created_by = $1) as n`,
        [who.id],
      );
      expect(left.rows[0]).toEqual({ n: 0 });
    } finally {
      await db.end();
    }
    // the document itself stays, for the organisation
    const still = await call(base(), employee, 'GET', `/api/staff/v1/files/${up.body.id}`);
    expect(still.status, still.text).toBe(200);
    expect(still.body).toMatchObject({ ownedByMe: false, sha256: sha256(pdf) });
  });
});
