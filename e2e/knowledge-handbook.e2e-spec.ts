import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEnv, testNatsAccess } from '@plein/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../services/knowledge/src/import.js';
import { seedKnowledge } from '../services/knowledge/src/live-seed.js';
import { type Person, call, database, expectProblem, person } from './support/api.js';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
let db: pg.Client;
let employee: Person, editor: Person, admin: Person, client: Person, mentor: Person;
const base = () => system.url;
const staff = (who: Person, method: string, path: string, body?: unknown) =>
  call(base(), who, method, `/api/staff/v1${path}`, body);

interface ArticleBody {
  id: string;
  title: string;
  body: string;
  version: number;
  state: string;
  publishedVersion: number | null;
  latestVersion: number;
  canEdit: boolean;
  items: { n: number; changeNote: string; published: boolean; author: { id: string } | null }[];
  parts: { kind: string; text: string }[];
  patch: string;
}

beforeAll(async () => {
  system = await startSystem();
  db = await database();
  employee = await person(base(), 'staff', 'staff.employee');
  editor = await person(base(), 'staff', 'staff.editor');
  admin = await person(base(), 'staff', 'staff.admin');
  mentor = await person(base(), 'staff', 'staff.mentor');
  client = await person(base(), 'clients', 'client.member');
}, 90_000);

afterAll(async () => {
  await db?.end();
  await system?.close();
});

const get = (who: Person, path: string) => call<ArticleBody>(base(), who, 'GET', `/api/staff/v1${path}`);

describe('the handbook', () => {
  it('after three edits an article has four versions and the diffs between them; readers see the published one', async () => {
    const chapter = await staff(editor, 'POST', '/handbook/chapters', {
      slug: `veiligheid-${Date.now()}`,
      title: 'Veiligheid',
    });
    expect(chapter.status, chapter.text).toBe(201);
    const created = await call<ArticleBody>(base(), editor, 'POST', '/api/staff/v1/handbook/articles', {
      chapterId: chapter.body.id,
      title: 'Brandoefening',
      body: 'Elke locatie oefent twee keer per jaar.',
      state: 'published',
      reviewBy: '2020-01-01',
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;
    const edits = [
      { body: 'Elke locatie oefent drie keer per jaar.', changeNote: 'Vaker oefenen', state: 'published' },
      { title: 'Brandoefening en ontruiming', changeNote: 'Titel verduidelijkt', state: 'published' },
      { body: 'Concept: elke locatie oefent vier keer per jaar.', changeNote: 'Voorstel', state: 'draft' },
    ];
    for (const e of edits) {
      const r = await call<ArticleBody>(base(), admin, 'PATCH', `/api/staff/v1/handbook/articles/${id}`, e);
      expect(r.status, r.text).toBe(200);
    }
    const versions = await get(editor, `/handbook/articles/${id}/versions`);
    expect(versions.body.items.map((v) => v.n)).toEqual([1, 2, 3, 4]);
    expect(versions.body.items.map((v) => v.changeNote)).toEqual([
      'Eerste versie',
      'Vaker oefenen',
      'Titel verduidelijkt',
      'Voorstel',
    ]);
    expect(versions.body.items.map((v) => v.published)).toEqual([false, false, true, false]);
    expect(versions.body.items[1]?.author?.id).toBe(admin.id);

    const d12 = await get(editor, `/handbook/articles/${id}/diff?from=1&to=2`);
    expect(d12.status, d12.text).toBe(200);
    expect(d12.body.parts).toEqual(
      expect.arrayContaining([
        { kind: 'removed', text: 'Elke locatie oefent twee keer per jaar.\n' },
        { kind: 'added', text: 'Elke locatie oefent drie keer per jaar.\n' },
      ]),
    );
    expect(d12.body.patch).toContain('-Elke locatie oefent twee keer per jaar.');
    const d23 = await get(editor, `/handbook/articles/${id}/diff?from=2&to=3`);
    expect(d23.body.patch).toContain('+# Brandoefening en ontruiming');
    const d14 = await get(editor, `/handbook/articles/${id}/diff?from=1&to=4`);
    expect(d14.body.patch).toContain('+Concept: elke locatie oefent vier keer per jaar.');
    expect((await get(editor, `/handbook/articles/${id}/versions/4`)).body.body).toContain('vier keer');

    // the editor works on the draft; readers see the published version 3
    expect((await get(editor, `/handbook/articles/${id}`)).body).toMatchObject({
      version: 4,
      state: 'draft',
      canEdit: true,
    });
    const read = await get(employee, `/handbook/articles/${id}`);
    expect(read.body).toMatchObject({
      version: 3,
      title: 'Brandoefening en ontruiming',
      body: 'Elke locatie oefent drie keer per jaar.',
      canEdit: false,
    });
    expect(read.text).not.toContain('vier keer');
    const readerVersions = await get(employee, `/handbook/articles/${id}/versions`);
    // readers' history: every version that was once published, never the draft
    expect(readerVersions.body.items.map((v) => v.n)).toEqual([1, 2, 3]);
    expectProblem(await staff(employee, 'GET', `/handbook/articles/${id}/versions/4`), 404);
    const chapters = await staff(employee, 'GET', '/handbook');
    expect(JSON.stringify(chapters.body)).toContain('Brandoefening en ontruiming');

    // the review list
    const due = await staff(employee, 'GET', '/handbook/review-due');
    expect(due.body.items.map((a) => a.id)).toContain(id);
  });

  it('only editors and admins write; clients have no handbook; bad input changes nothing', async () => {
    const chapter = await staff(editor, 'POST', '/handbook/chapters', {
      slug: `privacy-${Date.now()}`,
      title: 'Privacy',
    });
    const count = async () =>
      (await db.query<{ n: number }>('select count(*)::int as n from knowledge.article_versions')).rows[0]!.n;
    const before = await count();
    expectProblem(
      await staff(employee, 'POST', '/handbook/articles', {
        chapterId: chapter.body.id,
        title: 'X',
        body: 'y',
      }),
      403,
    );
    expectProblem(
      await staff(mentor, 'POST', '/handbook/articles', {
        chapterId: chapter.body.id,
        title: 'X',
        body: 'y',
      }),
      403,
    );
    expectProblem(
      await staff(editor, 'POST', '/handbook/articles', { chapterId: chapter.body.id, title: '', body: 'y' }),
      400,
    );
    expectProblem(
      await staff(editor, 'POST', '/handbook/articles', {
        chapterId: chapter.body.id,
        title: 'Te lang',
        body: 'y'.repeat(100_001),
      }),
      400,
    );
    expectProblem(
      await staff(editor, 'POST', '/handbook/articles', {
        chapterId: '00000000-0000-4000-8000-000000000000',
        title: 'X',
        body: 'y',
      }),
      400,
    );
    expect(await count()).toBe(before);
    expectProblem(await staff(client, 'GET', '/handbook'), 403);
    expect((await call(base(), client, 'GET', '/api/client/v1/handbook')).status).toBe(404);
  });
});

describe('the import', () => {
  it('run twice gives the same articles; a changed file gives exactly one new version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plein-handbook-'));
    const slug = `medicatie-${Date.now()}`;
    try {
      await mkdir(join(dir, slug));
      const file = (title: string, body: string) =>
        `---\nchapter: ${slug}\nchapterTitle: Medicatie\ntitle: ${title}\nowner: staff.editor\nreview: 2027-06-01\n---\n\n${body}\n`;
      await writeFile(join(dir, slug, 'uitgifte.md'), file('Medicatie uitgeven', 'Twee mensen tekenen af.'));
      await writeFile(join(dir, slug, 'bewaren.md'), file('Medicatie bewaren', 'In de afgesloten kast.'));
      await writeFile(
        join(dir, 'hoe-werkt-het.md'),
        '---\ntype: howto\ntitle: Hoe werkt het?\n---\n\nZo log je in.\n',
      );
      const url = testEnv().databaseUrl;
      const first = await runImport(url, dir);
      expect(first.created).toHaveLength(3);
      const rows = async () =>
        (
          await db.query<{ id: string; latest_version: number; owner_id: string | null }>(
            `select a.id, a.latest_version, a.owner_id from knowledge.articles a
               join knowledge.chapters c on c.id = a.chapter_id where c.slug = $1 order by a.source_path`,
            [slug],
          )
        ).rows;
      const after1 = await rows();
      expect(after1.map((r) => r.latest_version)).toEqual([1, 1]);
      expect(after1[0]!.owner_id).toBe(editor.id);

      const second = await runImport(url, dir);
      expect(second).toEqual({ created: [], updated: [], unchanged: first.created });
      expect(await rows()).toEqual(after1);

      await writeFile(
        join(dir, slug, 'uitgifte.md'),
        file('Medicatie uitgeven', 'Twee collega’s tekenen af, altijd.'),
      );
      const third = await runImport(url, dir);
      expect(third.updated).toEqual([`${slug}/uitgifte.md`]);
      const after3 = await rows();
      expect(after3.map((r) => r.id)).toEqual(after1.map((r) => r.id));
      expect(after3.map((r) => r.latest_version)).toEqual([1, 2]);
      const fourth = await runImport(url, dir);
      expect(fourth.updated).toEqual([]);

      const changed = after3[1]!.id;
      const versions = await get(employee, `/handbook/articles/${changed}/versions`);
      expect(versions.body.items.map((v) => v.n)).toEqual([1, 2]);
      expect((await get(employee, `/handbook/articles/${changed}`)).body.body).toContain('altijd');
      const howtos = await call<{ items: { title: string }[] }>(
        base(),
        client,
        'GET',
        '/api/client/v1/howtos',
      );
      expect(howtos.body.items.map((h) => h.title)).toContain('Hoe werkt het?');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('how-to pages', () => {
  it('staff write them in the client intranet; clients read them, and cannot write', async () => {
    const made = await call<{ id: string }>(base(), mentor, 'POST', '/api/client/v1/howtos', {
      title: 'Hoe meld ik me aan voor een activiteit?',
      body: 'Ga naar **Activiteiten** en kies *Aanmelden*.',
    });
    expect(made.status, made.text).toBe(201);
    const read = await call<{ title: string; author: { kind: string } }>(
      base(),
      client,
      'GET',
      `/api/client/v1/howtos/${made.body.id}`,
    );
    expect(read.body).toMatchObject({
      title: 'Hoe meld ik me aan voor een activiteit?',
      author: { kind: 'staff' },
    });
    expectProblem(
      await call(base(), client, 'POST', '/api/client/v1/howtos', { title: 'Van mij', body: 'x' }),
      403,
    );
    expectProblem(
      await call(base(), employee, 'POST', '/api/client/v1/howtos', { title: 'Van mij', body: 'x' }),
      403,
    );
    const hidden = await call(base(), mentor, 'PATCH', `/api/client/v1/howtos/${made.body.id}`, {
      published: false,
    });
    expect(hidden.status, hidden.text).toBe(200);
    expect((await call(base(), client, 'GET', `/api/client/v1/howtos/${made.body.id}`)).status).toBe(404);
  });
});

describe('the demo seed', () => {
  it('imports the five handbook chapters and twenty questions with answers; a second run changes nothing', async () => {
    const env = testEnv();
    const first = await seedKnowledge(env.databaseUrl, testNatsAccess('gateway'));
    expect(first).toMatch(/20 questions$/);
    const chapters = await call<{
      items: { slug: string; articles: { owner: { displayName: string } | null }[] }[];
    }>(base(), employee, 'GET', '/api/staff/v1/handbook');
    const slugs = chapters.body.items.map((c) => c.slug);
    expect(slugs).toEqual(
      expect.arrayContaining(['veiligheid', 'privacy', 'agressie', 'medicatie', 'huisregels']),
    );
    const veiligheid = chapters.body.items.find((c) => c.slug === 'veiligheid')!;
    expect(veiligheid.articles.length).toBeGreaterThan(0);
    expect(veiligheid.articles[0]!.owner?.displayName).toBeTruthy();
    const snapshot = async () =>
      (
        await db.query<{ n: number }>(
          `select (select count(*) from knowledge.questions) + (select count(*) from knowledge.answers)
                + (select count(*) from knowledge.article_versions) + (select count(*) from knowledge.howtos) as n`,
        )
      ).rows[0]!.n;
    const before = await snapshot();
    expect(await seedKnowledge(env.databaseUrl, testNatsAccess('gateway'))).toMatch(
      /0 new, 0 changed; questions already seeded/,
    );
    expect(await snapshot()).toBe(before);
  }, 120_000);
});
