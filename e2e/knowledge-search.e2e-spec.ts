import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/events.js';
import { type Person, call, database, person, untilKnown } from './support/api.js';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
let employee: Person, mentor: Person, editor: Person, admin: Person, client: Person;
const base = () => system.url;

interface Result {
  items: { type: string; id: string; title: string; snippet: string }[];
  total: number;
  facets: Record<string, number>;
}
const NOTHING = { items: [], total: 0, facets: {} };
const unique = (stem: string) => `${stem}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const search = async (who: Person, tree: 'staff' | 'client', q: string, type?: string): Promise<Result> => {
  const r = await call<Result>(
    base(),
    who,
    'GET',
    `/api/${tree}/v1/search?q=${encodeURIComponent(q)}${type ? `&type=${type}` : ''}`,
  );
  expect(r.status, r.text).toBe(200);
  return r.body;
};
const found = (who: Person, tree: 'staff' | 'client', q: string, type?: string) =>
  eventually(
    () => search(who, tree, q, type),
    (r) => r.total > 0,
  );

beforeAll(async () => {
  system = await startSystem();
  employee = await person(base(), 'staff', 'staff.employee');
  mentor = await person(base(), 'staff', 'staff.mentor');
  editor = await person(base(), 'staff', 'staff.editor');
  admin = await person(base(), 'staff', 'staff.admin');
  client = await person(base(), 'clients', 'client.member');
  const db = await database();
  await untilKnown(db, [employee.id, mentor.id, client.id]);
  await db.end();
}, 90_000);

afterAll(async () => {
  await system?.close();
});

describe('search over knowledge (fed by knowledge events, through the gateway)', () => {
  it('finds a question by a word of an answer; a client finds nothing of the staff intranet, not even a count', async () => {
    const title = unique('Nachtdienstoverdracht');
    const answerWord = unique('sleutelkastprotocol');
    const q = await call(base(), employee, 'POST', '/api/staff/v1/questions', {
      title: `${title}: wie heeft de sleutels?`,
      body: 'Bij de overdracht raken we sleutels kwijt.',
      anonymous: true,
    });
    expect(q.status, q.text).toBe(201);
    const a = await call(base(), mentor, 'POST', `/api/staff/v1/questions/${q.body.id}/answers`, {
      body: `Gebruik het ${answerWord} van de locatie.`,
    });
    expect(a.status, a.text).toBe(201);

    const byAnswer = await found(mentor, 'staff', answerWord, 'question');
    expect(byAnswer.items.map((i) => [i.type, i.id])).toEqual([['question', q.body.id]]);
    expect(JSON.stringify(byAnswer)).not.toContain(employee.id);
    expect((await search(mentor, 'staff', title)).items.map((i) => i.id)).toContain(q.body.id);

    // the client intranet knows nothing of it: not by title, not by the answer's word, not as a count
    expect(await search(client, 'client', answerWord)).toEqual(NOTHING);
    expect(await search(client, 'client', title)).toEqual(NOTHING);
    expect(await search(mentor, 'client', answerWord)).toEqual(NOTHING);
    expect((await call(base(), client, 'GET', `/api/staff/v1/search?q=${answerWord}`)).status).toBe(403);
  });

  it('finds a published handbook article in the staff intranet only, and not a draft', async () => {
    const word = unique('ontruimingsplan');
    const draftWord = unique('conceptregel');
    const chapter = await call(base(), editor, 'POST', '/api/staff/v1/handbook/chapters', {
      slug: unique('agressie'),
      title: 'Agressie',
    });
    const article = await call(base(), editor, 'POST', '/api/staff/v1/handbook/articles', {
      chapterId: chapter.body.id,
      title: 'Omgaan met agressie',
      body: `Volg het ${word} en meld het incident.`,
      state: 'published',
    });
    expect(article.status, article.text).toBe(201);
    const hit = await found(employee, 'staff', word, 'handbook');
    expect(hit.items.map((i) => i.id)).toEqual([article.body.id]);
    expect(await search(client, 'client', word)).toEqual(NOTHING);
    expect(await search(employee, 'client', word)).toEqual(NOTHING);

    const draft = await call(base(), editor, 'PATCH', `/api/staff/v1/handbook/articles/${article.body.id}`, {
      body: `Nieuw: ${draftWord}`,
      changeNote: 'Concept',
      state: 'draft',
    });
    expect(draft.status, draft.text).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await search(employee, 'staff', draftWord)).toEqual(NOTHING);
  });

  it('a group question is found by members only; how-to pages by clients; a rebuild keeps it all', async () => {
    const word = unique('werkgroepgeheim');
    const group = await call(base(), employee, 'POST', '/api/staff/v1/groups', {
      name: unique('Groep'),
      kind: 'closed',
    });
    const q = await call(base(), employee, 'POST', '/api/staff/v1/questions', {
      title: `Vraag over ${word}`,
      groupId: group.body.id,
    });
    expect(q.status, q.text).toBe(201);
    await found(employee, 'staff', word);
    expect(await search(mentor, 'staff', word)).toEqual(NOTHING);

    const howtoWord = unique('inlogstappen');
    const howto = await call(base(), mentor, 'POST', '/api/client/v1/howtos', {
      title: 'Hoe log ik in?',
      body: `Dit zijn de ${howtoWord}.`,
    });
    expect(howto.status, howto.text).toBe(201);
    expect((await found(client, 'client', howtoWord)).items.map((i) => [i.type, i.id])).toEqual([
      ['handbook', howto.body.id],
    ]);
    expect(await search(employee, 'staff', howtoWord)).toEqual(NOTHING);

    const rebuilt = await call<{ sources: Record<string, number> }>(
      base(),
      admin,
      'POST',
      '/api/admin/v1/search/rebuild',
    );
    expect(rebuilt.status, rebuilt.text).toBe(201);
    expect(rebuilt.body.sources['knowledge']).toBeGreaterThan(0);
    expect((await search(employee, 'staff', word)).items.map((i) => i.id)).toEqual([q.body.id]);
    expect(await search(mentor, 'staff', word)).toEqual(NOTHING);
    expect((await search(client, 'client', howtoWord)).items.map((i) => i.id)).toEqual([howto.body.id]);
  });
});
