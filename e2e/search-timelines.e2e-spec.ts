import { fetchToken } from '@plein/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/events.js';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await system?.close();
});

type Realm = 'staff' | 'clients';
type Tree = 'staff' | 'client';
const call = async (realm: Realm, user: string, method: string, path: string, body?: unknown) =>
  fetch(`${system.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await fetchToken(realm, user)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const json = async <T>(res: Response, status: number): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
};

interface Result {
  items: { type: string; id: string; title: string; snippet: string }[];
  total: number;
  facets: Record<string, number>;
}
const search = async (realm: Realm, user: string, tree: Tree, q: string): Promise<Result> =>
  json<Result>(await call(realm, user, 'GET', `/api/${tree}/v1/search?q=${encodeURIComponent(q)}`), 200);
const NOTHING: Result = { items: [], total: 0, facets: {} };
const unique = (stem: string) => `${stem}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const post = async (realm: Realm, user: string, tree: Tree, body: object) =>
  json<{ id: string }>(await call(realm, user, 'POST', `/api/${tree}/v1/posts`, body), 201);
/** Waits until `user` finds `q` (the index is fed by events), then returns what they find. */
const found = (realm: Realm, user: string, tree: Tree, q: string) =>
  eventually(
    () => search(realm, user, tree, q),
    (r) => r.total > 0,
  );

describe('search never leaks what the reader may not read (through the gateway, fed by timelines events)', () => {
  it('staff-intranet content: clients find nothing by exact title, unique body word or comment; not even a count', async () => {
    const title = unique('Formatieoverleg');
    const word = unique('reorganisatieplan');
    const commentWord = unique('teamleidersoverleg');
    const p = await post('staff', 'staff.employee', 'staff', {
      type: 'post',
      audience: 'organization',
      body: `# ${title}\nHet ${word} ligt ter inzage bij het secretariaat.`,
    });
    await json(
      await call('staff', 'staff.editor', 'POST', `/api/staff/v1/posts/${p.id}/comments`, {
        body: `Graag ook ${commentWord}.`,
      }),
      201,
    );
    const hit = await found('staff', 'staff.editor', 'staff', word);
    expect(hit.items.map((i) => i.id)).toContain(p.id);
    const comment = await found('staff', 'staff.editor', 'staff', commentWord);
    expect(comment.items).toEqual([expect.objectContaining({ type: 'comment' })]);

    for (const q of [title, word, commentWord, `${title} ${word}`]) {
      expect(await search('clients', 'client.member', 'client', q)).toEqual(NOTHING);
      expect(await search('clients', 'client.editor', 'client', q)).toEqual(NOTHING);
      // staff searching the client intranet do not see staff content there either
      expect(await search('staff', 'staff.mentor', 'client', q)).toEqual(NOTHING);
      const suggest = await json<{ items: unknown[] }>(
        await call(
          'clients',
          'client.member',
          'GET',
          `/api/client/v1/search/suggest?q=${encodeURIComponent(title.slice(0, 8))}`,
        ),
        200,
      );
      expect(suggest.items).toEqual([]);
    }
  });

  it('indexes text, not Markdown: titles and snippets show no ** or _', async () => {
    const word = unique('werkwijze');
    const p = await post('staff', 'staff.editor', 'staff', {
      type: 'post',
      audience: 'organization',
      body: `**Nieuwe ${word}** voor de _overdracht_: zie [het handboek](https://plein.example/handboek).`,
    });
    const hit = await found('staff', 'staff.employee', 'staff', word);
    const item = hit.items.find((i) => i.id === p.id)!;
    expect(item.title).toBe(`Nieuwe ${word} voor de overdracht: zie het handboek.`);
    expect(item.snippet).toContain(`<mark>${word}</mark>`);
    expect(item.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/\*\*|_overdracht_|\]\(/);
    // the link's address is no text of the post
    expect(
      (await search('staff', 'staff.employee', 'staff', 'plein.example')).items.map((i) => i.id),
    ).not.toContain(p.id);
  });

  it('group-only content is found by members only', async () => {
    const word = unique('zeepkistrace');
    const group = await json<{ id: string }>(
      await call('staff', 'staff.editor', 'POST', '/api/staff/v1/groups', {
        name: unique('Werkgroep '),
        kind: 'closed',
      }),
      201,
    );
    const p = await post('staff', 'staff.editor', 'staff', {
      audience: 'group',
      groupId: group.id,
      body: `Notulen: de ${word} gaat door.`,
    });
    const hit = await found('staff', 'staff.editor', 'staff', word);
    expect(hit.items.map((i) => i.id)).toEqual([p.id]);
    expect(await search('staff', 'staff.employee', 'staff', word)).toEqual(NOTHING);
    expect(await search('staff', 'staff.admin', 'staff', word)).toEqual(NOTHING);
    expect(await search('clients', 'client.member', 'client', word)).toEqual(NOTHING);
  });

  it('followers-only content is found by followers only; following counts at once', async () => {
    const word = unique('vakantiegroet');
    const mentor = await json<{ id: string }>(
      await call('staff', 'staff.mentor', 'GET', '/api/staff/v1/me'),
      200,
    );
    await call('staff', 'staff.moderator', 'DELETE', `/api/staff/v1/follows/${mentor.id}`);
    const p = await post('staff', 'staff.mentor', 'staff', {
      audience: 'followers',
      body: `Groeten uit Ameland, ${word}!`,
    });
    await found('staff', 'staff.mentor', 'staff', word); // indexed (the author sees it)
    expect(await search('staff', 'staff.moderator', 'staff', word)).toEqual(NOTHING);
    expect(
      (await call('staff', 'staff.moderator', 'PUT', `/api/staff/v1/follows/${mentor.id}`)).status,
    ).toBeLessThan(300);
    const hit = await search('staff', 'staff.moderator', 'staff', word);
    expect(hit.items.map((i) => i.id)).toEqual([p.id]);
    expect(await search('clients', 'client.member', 'client', word)).toEqual(NOTHING);
  });

  it('client-intranet posts are found by clients and staff in the client tree; hidden and deleted posts leave', async () => {
    const word = unique('schilderles');
    const p = await post('clients', 'client.member', 'client', {
      audience: 'organization',
      body: `Wie doet mee met de ${word}?`,
    });
    expect((await found('clients', 'client.editor', 'client', word)).items.map((i) => i.id)).toEqual([p.id]);
    expect((await search('staff', 'staff.employee', 'client', word)).total).toBe(1);
    expect(await search('staff', 'staff.employee', 'staff', word)).toEqual(NOTHING);

    expect(
      (await call('staff', 'staff.moderator', 'PUT', `/api/client/v1/posts/${p.id}/hidden`, { hidden: true }))
        .status,
    ).toBe(200);
    await eventually(
      () => search('clients', 'client.editor', 'client', word),
      (r) => r.total === 0,
    );
    expect(await search('clients', 'client.editor', 'client', word)).toEqual(NOTHING);
    expect((await search('clients', 'client.member', 'client', word)).total).toBe(1); // the author still sees it
    expect((await search('staff', 'staff.moderator', 'client', word)).total).toBe(1); // and moderators

    expect(
      (await call('clients', 'client.member', 'DELETE', `/api/client/v1/posts/${p.id}`)).status,
    ).toBeLessThan(300);
    const gone = await eventually(
      () => search('clients', 'client.member', 'client', word),
      (r) => r.total === 0,
    );
    expect(gone).toEqual(NOTHING);
  });

  it('a rebuild after throwing the index away gives the same results', async () => {
    const word = unique('brandoefening');
    await post('staff', 'staff.editor', 'staff', {
      type: 'article',
      title: `Brandoefening ${word}`,
      audience: 'organization',
      body: `Alle locaties: ${word} op dinsdag.`,
    });
    await found('staff', 'staff.employee', 'staff', word);
    const queries: [Realm, string, Tree, string][] = [
      ['staff', 'staff.employee', 'staff', word],
      ['staff', 'staff.editor', 'staff', 'notulen'],
      ['clients', 'client.member', 'client', 'schilderles'],
      ['staff', 'staff.moderator', 'staff', 'Ameland'],
    ];
    const before = await Promise.all(queries.map((q) => search(...q)));
    const rebuilt = await json<{ indexed: number; sources: Record<string, number> }>(
      await call('staff', 'staff.admin', 'POST', '/api/admin/v1/search/rebuild'),
      201,
    );
    expect(rebuilt.sources['timelines']).toBeGreaterThan(0);
    const after = await Promise.all(queries.map((q) => search(...q)));
    const ids = (r: Result) => r.items.map((i) => `${i.type}/${i.id}`).sort();
    for (let i = 0; i < queries.length; i++) {
      expect(ids(after[i]!), JSON.stringify(queries[i])).toEqual(ids(before[i]!));
      expect(after[i]!.total).toBe(before[i]!.total);
      expect(after[i]!.facets).toEqual(before[i]!.facets);
    }
  });
});
