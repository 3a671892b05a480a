import { randomUUID } from 'node:crypto';
import { type ReaderScope } from '@plein/auth';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchDocument } from '../src/engine/search-document.js';
import type { SearchEngine } from '../src/engine/search-engine.js';

const ALICE = randomUUID(); // staff author
const BOB = randomUUID(); // staff reader, follows Alice, member of GROUP
const CAROL = randomUUID(); // staff reader, no relations
const CLIENT = randomUUID(); // clients-realm reader
const GROUP = randomUUID();

const scope = (over: Partial<ReaderScope>): ReaderScope => ({
  intranets: ['staff'],
  userId: CAROL,
  groupIds: [],
  followeeIds: [],
  seesHidden: false,
  ...over,
});
const bob = scope({ userId: BOB, groupIds: [GROUP], followeeIds: [ALICE] });
const carol = scope({});
const alice = scope({ userId: ALICE });
const moderator = scope({ userId: randomUUID(), seesHidden: true });
const client = scope({ userId: CLIENT, intranets: ['client'] });
const staffInClientTree = scope({
  userId: BOB,
  intranets: ['client'],
  groupIds: [GROUP],
  followeeIds: [ALICE],
});

let seq = 0;
const doc = (over: Partial<SearchDocument>): SearchDocument => ({
  type: 'post',
  id: randomUUID(),
  intranet: 'staff',
  audience: 'organization',
  groupId: null,
  authorId: ALICE,
  namedUserIds: [],
  hidden: false,
  title: '',
  body: '',
  updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq++)).toISOString(),
  ...over,
});

/** The behaviour every engine must have. Run for PostgreSQL always, for Meilisearch where one is reachable. */
export function engineContract(name: string, make: () => Promise<SearchEngine>): void {
  describe(`search engine contract: ${name}`, () => {
    let engine: SearchEngine;
    const find = async (q: string, s: ReaderScope) => engine.search({ q, offset: 0, limit: 20 }, s);

    beforeAll(async () => {
      engine = await make();
      await engine.clear();
    });

    it('indexes and finds a document, with totals and facets', async () => {
      const d = doc({
        title: 'Nieuwe koffieautomaat op de Horst',
        body: 'De koffieautomaat in de nachtopvang is vervangen.',
      });
      await engine.upsert([d]);
      const res = await find('koffieautomaat', carol);
      expect(res.items.map((i) => i.id)).toEqual([d.id]);
      expect(res.total).toBe(1);
      expect(res.facets).toEqual({ post: 1 });
      expect(await engine.count()).toBeGreaterThanOrEqual(1);
    });

    it('an update replaces the old text; an older update arriving late is ignored', async () => {
      const d = doc({ title: 'Rooster zomerfeest', body: 'Het zomerfeest is op vrijdag.' });
      await engine.upsert([d]);
      const newer = {
        ...d,
        title: 'Rooster herfstfeest',
        body: 'Het herfstfeest is op zaterdag.',
        updatedAt: '2027-01-01T00:00:00.000Z',
      };
      await engine.upsert([newer]);
      expect((await find('herfstfeest', carol)).total).toBe(1);
      expect((await find('zomerfeest', carol)).total).toBe(0);
      await engine.upsert([{ ...d, updatedAt: '2026-06-01T00:00:00.000Z' }]);
      expect((await find('zomerfeest', carol)).total).toBe(0);
    });

    it('a deleted document leaves the index', async () => {
      const d = doc({
        title: 'Verloren sleutelbos',
        body: 'Wie heeft de sleutelbos van de fietsenstalling gezien?',
      });
      await engine.upsert([d]);
      expect((await find('sleutelbos', carol)).total).toBe(1);
      await engine.remove([{ type: 'post', id: d.id }]);
      expect((await find('sleutelbos', carol)).total).toBe(0);
    });

    it('hidden content is found only by its author and moderators', async () => {
      const d = doc({ title: 'Ruzie in de wachtrij', body: 'Een vervelende opmerking over wachtrijbeleid.' });
      await engine.upsert([d]);
      await engine.setHidden({ type: 'post', id: d.id }, true);
      expect((await find('wachtrijbeleid', carol)).total).toBe(0);
      expect((await find('wachtrijbeleid', bob)).total).toBe(0);
      expect((await find('wachtrijbeleid', alice)).total).toBe(1);
      expect((await find('wachtrijbeleid', moderator)).total).toBe(1);
      await engine.setHidden({ type: 'post', id: d.id }, false);
      expect((await find('wachtrijbeleid', carol)).total).toBe(1);
    });

    it('is tolerant of typos: "huisvesting" is found by "huisvestnig"', async () => {
      const d = doc({
        type: 'article',
        title: 'Huisvesting voor jongeren',
        body: 'Begeleid wonen en huisvesting in de wijk.',
      });
      await engine.upsert([d]);
      const res = await find('huisvestnig', carol);
      expect(res.items.map((i) => i.id)).toContain(d.id);
    });

    it('corrects a typo only to a word one or two edits away, not to a word that merely looks alike', async () => {
      const d = doc({ title: 'Formatieoverleg', body: 'Het formatieoverleg is op dinsdag.' });
      await engine.upsert([d]);
      // 'teamleidersoverleg' shares many trigrams with 'formatieoverleg' but is no misspelling of it
      expect(await find('teamleidersoverleg', carol)).toEqual({ items: [], total: 0, facets: {} });
      // one edit away (a letter dropped) is a typo
      expect((await find('formatieoverlg', carol)).items.map((i) => i.id)).toContain(d.id);
    });

    it('stems Dutch: "bewoners" finds "bewoner" and back', async () => {
      const one = doc({ title: 'Een bewoner vertelt', body: 'Over zijn eerste week in de opvang.' });
      const many = doc({
        title: 'Bewoners koken samen',
        body: 'Elke donderdag koken de bewoners voor elkaar.',
      });
      await engine.upsert([one, many]);
      expect((await find('bewoners', carol)).items.map((i) => i.id)).toEqual(
        expect.arrayContaining([one.id, many.id]),
      );
      expect((await find('bewoner', carol)).items.map((i) => i.id)).toEqual(
        expect.arrayContaining([one.id, many.id]),
      );
    });

    // Dutch glues words together; a search that misses compounds misses much. Each row: a word searched for, and
    // a text in which it occurs only inside a compound (with a linking s or en, or in the plural).
    const compounds: [query: string, text: string][] = [
      ['overdracht', 'Vul na elke dienst het overdrachtsformulier in.'],
      ['formulier', 'Het nieuwe overdrachtsformulier staat in de map.'],
      ['nachtopvang', 'De nachtopvanglocatie aan de Kade is vol.'],
      ['opvang', 'De daklozenopvang zoekt vrijwilligers.'],
      ['locatie', 'Er komen twee opvanglocaties bij in Zuid.'],
      ['dagbesteding', 'Het dagbestedingsprogramma voor maart is klaar.'],
      ['programma', 'Het dagbestedingsprogramma voor april volgt.'],
      ['hulpverlening', 'Schuldhulpverlening is er op dinsdagmiddag.'],
      ['huisarts', 'De huisartsenpost is de hele nacht open.'],
      ['verjaardag', 'Kom je ook naar het verjaardagsfeest van Henk?'],
      ['overleg', 'Het teamoverleg van vrijdag gaat niet door.'],
      ['begeleiding', 'Woonbegeleiding start in Noord.'],
      ['raad', 'De cliëntenraad vergadert op donderdag.'],
    ];
    it.each(compounds)('finds a Dutch compound by its parts: "%s" finds "%s"', async (query, text) => {
      // in the client intranet, so these texts stay out of the other tests' staff searches
      const d = doc({ intranet: 'client', title: 'Mededeling', body: text });
      await engine.upsert([d]);
      expect((await find(query, client)).items.map((i) => i.id)).toContain(d.id);
      // and the compound itself still finds it
      const compound = text
        .split(/\s+/)
        .find((w) => w.toLowerCase().includes(query) && w.length > query.length);
      expect((await find(compound!.replace(/[.?]$/, ''), client)).items.map((i) => i.id)).toContain(d.id);
    });

    it('matches the word being typed as a prefix: "overdr" finds "overdracht"', async () => {
      const d = doc({ title: 'Overdracht bij ziekte', body: 'Zo draag je je cliënten over.' });
      await engine.upsert([d]);
      expect((await find('overdr', carol)).items.map((i) => i.id)).toContain(d.id);
      expect((await find('ziekte overdr', carol)).items.map((i) => i.id)).toContain(d.id);
      // only the last word is being typed: a whole first word must still match as a word
      expect((await find('overdr ziekte', carol)).items.map((i) => i.id)).not.toContain(d.id);
    });

    it('highlights the match in a safe snippet', async () => {
      const d = doc({
        title: 'Veiligheid',
        body: 'Let op: <script>alert(1)</script> de brandoefening is dinsdag om tien uur in het dagcentrum.',
      });
      await engine.upsert([d]);
      const [hit] = (await find('brandoefening', carol)).items;
      expect(hit?.snippet).toMatch(/<mark>brandoefening<\/mark>/i);
      expect(hit?.snippet).not.toContain('<script>');
      expect(hit?.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/<|>/);
    });

    it('never leaks what the reader may not read, not even in totals or facets', async () => {
      const staffOnly = doc({
        title: 'Personeelsoverleg reorganisatie',
        body: 'Vertrouwelijk: formatie teamleiders.',
      });
      const groupOnly = doc({
        audience: 'group',
        groupId: GROUP,
        title: 'Werkgroep zeepkist',
        body: 'Notulen werkgroep zeepkist.',
      });
      const followersOnly = doc({
        audience: 'followers',
        title: 'Mijn vakantiefoto',
        body: 'Groeten uit Terschelling.',
      });
      const privateOne = doc({
        audience: 'private',
        namedUserIds: [BOB],
        title: 'Persoonlijk bericht',
        body: 'Alleen voor jou: overdrachtsnotitie.',
      });
      await engine.upsert([staffOnly, groupOnly, followersOnly, privateOne]);
      for (const q of ['reorganisatie', 'Personeelsoverleg reorganisatie', 'teamleiders']) {
        const res = await find(q, client);
        expect(res).toEqual({ items: [], total: 0, facets: {} });
        expect(await find(q, staffInClientTree)).toEqual({ items: [], total: 0, facets: {} });
        expect((await find(q, carol)).total).toBe(1);
      }
      expect((await find('zeepkist', carol)).total).toBe(0);
      expect((await find('zeepkist', carol)).facets).toEqual({});
      expect((await find('zeepkist', bob)).total).toBe(1);
      expect((await find('Terschelling', carol)).total).toBe(0);
      expect((await find('Terschelling', bob)).total).toBe(1);
      expect((await find('overdrachtsnotitie', carol)).total).toBe(0);
      expect((await find('overdrachtsnotitie', bob)).total).toBe(1);
      expect((await find('overdrachtsnotitie', alice)).total).toBe(1);
      expect(await engine.suggest('Personeelsover', 5, client)).toEqual({ items: [] });
    });

    it('client-intranet content is found in the client tree', async () => {
      const d = doc({
        intranet: 'client',
        title: 'Schilderen op woensdag',
        body: 'Iedereen is welkom bij het schilderatelier.',
      });
      await engine.upsert([d]);
      expect((await find('schilderatelier', client)).total).toBe(1);
      expect((await find('schilderatelier', staffInClientTree)).total).toBe(1);
      expect((await find('schilderatelier', carol)).total).toBe(0);
    });

    it("a comment takes its post's visibility and follows it: audience changes, hiding, removal", async () => {
      const postDoc = doc({ title: 'Overdracht nachtdienst', body: 'Rustige nacht.' });
      await engine.upsert([postDoc]);
      const child = {
        type: 'comment' as const,
        id: randomUUID(),
        title: 'reactie',
        body: 'Sleutelkastje13 is kapot.',
        updatedAt: postDoc.updatedAt,
      };
      await engine.upsertChild(
        [
          { type: 'article', id: postDoc.id },
          { type: 'post', id: postDoc.id },
        ],
        child,
      );
      expect((await find('sleutelkastje13', carol)).items).toEqual([
        expect.objectContaining({ type: 'comment', id: child.id }),
      ]);
      expect(await find('sleutelkastje13', client)).toEqual({ items: [], total: 0, facets: {} });
      // the post becomes group-only: so does its comment
      const later = {
        ...postDoc,
        audience: 'group' as const,
        groupId: GROUP,
        updatedAt: '2027-02-01T00:00:00.000Z',
      };
      await engine.replace({ type: 'post', id: postDoc.id }, [later], later.updatedAt);
      expect((await find('sleutelkastje13', carol)).total).toBe(0);
      expect((await find('sleutelkastje13', bob)).total).toBe(1);
      await engine.setHidden({ type: 'post', id: postDoc.id }, true);
      expect((await find('sleutelkastje13', bob)).total).toBe(0);
      const memberModerator = { ...moderator, groupIds: [GROUP] };
      expect((await find('sleutelkastje13', moderator)).total).toBe(0); // moderators pass hiding, not the audience
      expect((await find('sleutelkastje13', memberModerator)).total).toBe(1);
      await engine.remove([{ type: 'post', id: postDoc.id }]);
      expect((await find('sleutelkastje13', memberModerator)).total).toBe(0);
      // a comment whose post is not indexed (yet) is refused, so its event is retried
      await expect(
        engine.upsertChild([{ type: 'post', id: randomUUID() }], { ...child, id: randomUUID() }),
      ).rejects.toThrow();
    });

    it('suggests titles by prefix as you type, and filters by type with facets over all types', async () => {
      const a = doc({ type: 'article', title: 'Dagbesteding in het Tuinhuis', body: 'Tuinieren en koken.' });
      const p = doc({ title: 'Dagbesteding rooster', body: 'Het rooster van de dagbesteding.' });
      await engine.upsert([a, p]);
      const s = await engine.suggest('dagbest', 10, carol);
      expect(s.items.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, p.id]));
      const onlyArticles = await engine.search(
        { q: 'dagbesteding', type: 'article', offset: 0, limit: 10 },
        carol,
      );
      expect(onlyArticles.items.map((i) => i.id)).toEqual([a.id]);
      expect(onlyArticles.total).toBe(1);
      expect(onlyArticles.facets).toEqual({ article: 1, post: 1 });
    });
  });
}
