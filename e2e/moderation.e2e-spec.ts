import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { type EventEnvelope } from '@plein/contracts';
import { connectTestNats } from '@plein/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  type Person,
  call,
  database,
  expectProblem,
  feedIds,
  person,
  untilKnown,
} from './support/api.js';
import { erasedSubject } from '../services/moderation/src/audit.js';
import { eventually, readEvents } from './support/events.js';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
let db: pg.Client;
let author: Person,
  otherClient: Person,
  clientEditor: Person,
  editor: Person,
  moderator: Person,
  admin: Person;
let employee: Person;
const made: TestPerson[] = [];
const base = () => system.url;
const client = (who: Person, method: string, path: string, body?: unknown) =>
  call(base(), who, method, `/api/client/v1${path}`, body);
const staff = (who: Person, method: string, path: string, body?: unknown) =>
  call(base(), who, method, `/api/staff/v1${path}`, body);
const unique = (word: string) => `${word}${randomUUID().slice(0, 6).replace(/\d/g, 'x')}`;

interface SubmissionBody {
  id: string;
  state: string;
  title: string;
  series?: string;
  postId?: string;
  author: { id: string; displayName: string };
  feedback: { state: string; note: string }[];
  comments?: { body: string; author: { id: string } }[];
  items: { id: string; state: string }[];
}

async function auditActions(subjectId: string): Promise<string[]> {
  const { rows } = await db.query<{ action: string }>(
    'select action from moderation.audit_log where subject_id = $1 order by seq',
    [subjectId],
  );
  return rows.map((r) => r.action);
}

async function fresh(realm: 'staff' | 'clients', first: string, roles: ('client' | 'employee')[] = []) {
  const kc = await createKeycloakUser(realm, first, `Test${Date.now().toString(36)}`, roles);
  made.push(kc);
  return person(base(), realm, kc.username);
}

beforeAll(async () => {
  system = await startSystem();
  db = await database();
  author = await fresh('clients', 'Sanne', ['client']);
  otherClient = await fresh('clients', 'Ineke', ['client']);
  clientEditor = await person(base(), 'clients', 'client.editor');
  editor = await person(base(), 'staff', 'staff.editor');
  moderator = await person(base(), 'staff', 'staff.moderator');
  admin = await person(base(), 'staff', 'staff.admin');
  employee = await fresh('staff', 'Joost', ['employee']);
  await untilKnown(
    db,
    [author, otherClient, clientEditor, editor, moderator, employee].map((p) => p.id),
  );
}, 120_000);

afterAll(async () => {
  for (const p of made) await deleteKeycloakUser(p);
  await db?.end();
  await system?.close();
});

describe('a submitted article, from the author to the news', () => {
  it('is discussed, returned, revised and published; others read it in the client news', async () => {
    const series = unique('Uit de moestuin ');
    const created = await client(author, 'POST', '/submissions', {
      title: 'Tomaten in september',
      body: 'De tomaten zijn eindelijk rood. **Wie** wil er een paar?',
      series,
    });
    expect(created.status, created.text).toBe(201);
    const s = created.body as unknown as SubmissionBody;
    expect(s).toMatchObject({ state: 'submitted', series, author: { id: author.id }, feedback: [] });

    // another client cannot read it, nor the queue; their own list does not hold it
    expectProblem(await client(otherClient, 'GET', `/submissions/${s.id}`), 404, 'not_found');
    expectProblem(await client(otherClient, 'GET', '/submissions'), 403, 'forbidden');
    expectProblem(await client(otherClient, 'PUT', `/submissions/${s.id}`, { title: 'x', body: 'y' }), 404);
    expect((await client(otherClient, 'GET', '/submissions?mine=true')).body.items).toEqual([]);
    // a staff employee who is not an editor neither
    expectProblem(await client(employee, 'GET', `/submissions/${s.id}`), 404);

    // the client editor reads the queue and comments
    const queue = await client(clientEditor, 'GET', '/submissions?state=submitted&limit=100');
    expect(queue.status, queue.text).toBe(200);
    expect(queue.body.items.map((i) => i.id)).toContain(s.id);
    const comment = await client(clientEditor, 'POST', `/submissions/${s.id}/comments`, {
      body: 'Mooi stuk! Misschien een foto erbij?',
    });
    expect(comment.status, comment.text).toBe(201);

    // ... but never decides: 403, and nothing changes
    const auditBefore = await auditActions(s.id);
    for (const action of ['publish', 'reject', 'return'])
      expectProblem(
        await client(clientEditor, 'POST', `/submissions/${s.id}/decision`, { action, note: 'Ik besluit' }),
        403,
        'forbidden',
      );
    expectProblem(
      await client(clientEditor, 'PUT', `/submissions/${s.id}`, { title: 'Anders', body: 'Anders' }),
      403,
      'forbidden',
    );
    expect((await client(author, 'GET', `/submissions/${s.id}`)).body).toMatchObject({
      state: 'submitted',
      title: 'Tomaten in september',
      feedback: [],
    });
    expect(await auditActions(s.id)).toEqual(auditBefore);
    expect(
      (
        await db.query(
          'select count(*)::int as n from moderation.submission_decisions where submission_id = $1',
          [s.id],
        )
      ).rows[0].n,
    ).toBe(0);

    // the editor returns it with feedback
    const returned = await client(editor, 'POST', `/submissions/${s.id}/decision`, {
      action: 'return',
      note: 'Leuk! Kun je vertellen hoe je ze kweekt?',
    });
    expect(returned.status, returned.text).toBe(200);
    expect(returned.body).toMatchObject({ state: 'returned' });
    expectProblem(await client(editor, 'POST', `/submissions/${s.id}/decision`, { action: 'reject' }), 400);

    // the author sees status and feedback, not the board's discussion, not who decided
    const seen = (await client(author, 'GET', `/submissions/${s.id}`)).body as unknown as SubmissionBody;
    expect(seen).toMatchObject({
      state: 'returned',
      feedback: [{ state: 'returned', note: 'Leuk! Kun je vertellen hoe je ze kweekt?' }],
    });
    expect(seen.comments).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain(editor.id);
    // the board sees the comments
    const boardView = (await client(editor, 'GET', `/submissions/${s.id}`)).body as unknown as SubmissionBody;
    expect(boardView.comments).toMatchObject([{ body: 'Mooi stuk! Misschien een foto erbij?' }]);

    // the author revises: back in the queue
    const revised = await client(author, 'PUT', `/submissions/${s.id}`, {
      title: 'Tomaten in september',
      body: 'De tomaten zijn eindelijk rood. Ik kweek ze in emmers op het balkon.',
      series,
    });
    expect(revised.status, revised.text).toBe(200);
    expect(revised.body).toMatchObject({ state: 'submitted' });

    // the editor publishes
    const published = await client(editor, 'POST', `/submissions/${s.id}/decision`, { action: 'publish' });
    expect(published.status, published.text).toBe(200);
    expect(published.body).toMatchObject({ state: 'published', postId: s.id });
    expectProblem(await client(author, 'PUT', `/submissions/${s.id}`, { title: 'Nog', body: 'anders' }), 409);

    // another client reads it in the client news, credited as the person rule allows (a client who did not
    // opt in is "Cliënt" to other clients), in its series
    const news = await eventually(
      () => client(otherClient, 'GET', '/feed/news?limit=50'),
      (a) => feedIds(a).includes(s.id),
      5_000,
    );
    const article = news.body.items.find((i) => i.id === s.id)!;
    expect(article).toMatchObject({
      type: 'article',
      title: 'Tomaten in september',
      series,
      body: 'De tomaten zijn eindelijk rood. Ik kweek ze in emmers op het balkon.',
      author: { id: author.id, kind: 'client', displayName: 'Cliënt' },
    });
    // staff see the author's name
    const staffNews = await client(editor, 'GET', `/posts/${s.id}`);
    expect(staffNews.body).toMatchObject({ author: { id: author.id, kind: 'client' } });
    expect((staffNews.body as unknown as { author: { displayName: string } }).author.displayName).toContain(
      'Sanne',
    );
    // nothing in the staff news
    expect(feedIds(await staff(editor, 'GET', '/feed/news?limit=50'))).not.toContain(s.id);

    // the author learns every step (notifications consume these), never who decided
    const changes = (await readEvents('plein.moderation.submission.state-changed'))
      .map((e) => e.envelope.data as { submissionId: string; state: string; note?: string })
      .filter((d) => d.submissionId === s.id);
    expect(changes.map((d) => d.state)).toEqual(['submitted', 'returned', 'submitted', 'published']);
    expect(JSON.stringify(changes)).not.toContain(editor.id);

    // every action is in the audit log, with who did it
    expect(await auditActions(s.id)).toEqual([
      'submission.submit',
      'submission.comment',
      'submission.return',
      'submission.resubmit',
      'submission.publish',
    ]);
    const { rows } = await db.query(
      `select actor_id, reason, before, after from moderation.audit_log where subject_id = $1 and action = 'submission.publish'`,
      [s.id],
    );
    expect(rows[0]).toMatchObject({
      actor_id: editor.id,
      before: { state: 'submitted' },
      after: { state: 'published' },
    });
    expect(
      (await db.query('select published_by from moderation.submissions where id = $1', [s.id])).rows[0]
        .published_by,
    ).toBe(editor.id);
  });

  it('is rejected with a reason; a rejected submission stays closed', async () => {
    const s = (await client(author, 'POST', '/submissions', { title: 'Iets', body: 'Een kort stuk.' }))
      .body as unknown as SubmissionBody;
    const rejected = await client(editor, 'POST', `/submissions/${s.id}/decision`, {
      action: 'reject',
      note: 'Dit past niet in de nieuwsbrief.',
    });
    expect(rejected.body).toMatchObject({ state: 'rejected', feedback: [{ state: 'rejected' }] });
    expectProblem(await client(editor, 'POST', `/submissions/${s.id}/decision`, { action: 'publish' }), 409);
    expect(
      (await client(author, 'GET', '/submissions?mine=true&state=rejected')).body.items.map((i) => i.id),
    ).toEqual([s.id]);
  });
});

describe('the personal-data guard', () => {
  it('answers 422 naming what and where, until the author confirms', async () => {
    const body = 'Mijn BSN is 111222333, wie kan helpen met de aanvraag?';
    const count = async () =>
      (
        await db.query<{ n: number }>('select count(*)::int as n from timelines.posts where author_id = $1', [
          author.id,
        ])
      ).rows[0]!.n;
    const before = await count();
    const refused = await client(author, 'POST', '/posts', { body, audience: 'organization' });
    expectProblem(refused, 422, 'personal_data');
    // the error's details (`details.findings`) leave the gateway as the problem's `errors`, like every problem's
    expect(refused.body).toMatchObject({
      errors: { field: 'body', findings: [{ kind: 'bsn', start: 12, end: 21 }] },
    });
    expect(await count()).toBe(before);
    const confirmed = await client(author, 'POST', '/posts', {
      body,
      audience: 'organization',
      confirmPersonalData: true,
    });
    expect(confirmed.status, confirmed.text).toBe(201);
    expect(await count()).toBe(before + 1);

    // comments, and submissions too
    const c = await client(otherClient, 'POST', `/posts/${confirmed.body.id}/comments`, {
      body: 'Mail me op ineke@example.nl',
    });
    expectProblem(c, 422, 'personal_data');
    expect(c.body).toMatchObject({ errors: { findings: [{ kind: 'email', start: 11, end: 27 }] } });
    const sub = await client(author, 'POST', '/submissions', {
      title: 'Geld',
      body: 'Doneren kan op NL91ABNA0417164300.',
    });
    expectProblem(sub, 422, 'personal_data');
    expect(sub.body).toMatchObject({ errors: { findings: [{ kind: 'iban' }] } });

    // the staff intranet is not guarded unless configured
    const staffPost = await staff(employee, 'POST', '/posts', {
      body: 'Bel 06-12345678 voor het rooster',
      audience: 'organization',
    });
    expect(staffPost.status, staffPost.text).toBe(201);

    const check = await client(author, 'POST', '/guard/check', { text: 'Bel 06-12345678 of mail a@b.nl' });
    expect(check.status, check.text).toBe(200);
    expect(check.body).toEqual({
      findings: [
        { kind: 'phone', start: 4, end: 15 },
        { kind: 'email', start: 24, end: 30 },
      ],
    });
  });
});

describe('report → hide → restore', () => {
  it('is gone within a second for everyone but its author and moderators; restore brings it back', async () => {
    const word = unique('kookclub');
    const p = await client(author, 'POST', '/posts', {
      body: `Wie komt er bij de ${word}?`,
      audience: 'organization',
    });
    expect(p.status, p.text).toBe(201);
    const id = p.body.id;
    await eventually(
      () => client(otherClient, 'GET', `/search?q=${word}`),
      (a) => (a.body as unknown as { total: number }).total === 1,
    );

    // someone who cannot see the content cannot report it (a staff post, from the client tree)
    const staffPost = await staff(employee, 'POST', '/posts', {
      body: 'Alleen voor collega’s',
      audience: 'organization',
    });
    expectProblem(
      await client(otherClient, 'POST', '/reports', {
        contentType: 'post',
        contentId: staffPost.body.id,
        reason: 'x',
      }),
      404,
    );
    expectProblem(
      await client(otherClient, 'POST', '/reports', {
        contentType: 'post',
        contentId: randomUUID(),
        reason: 'x',
      }),
      404,
    );

    const report = await client(otherClient, 'POST', '/reports', {
      contentType: 'post',
      contentId: id,
      reason: 'Dit is niet aardig.',
    });
    expect(report.status, report.text).toBe(201);
    expect(report.body).toMatchObject({ state: 'open', contentId: id });
    expect(report.body).not.toHaveProperty('reporter');
    expectProblem(await client(otherClient, 'GET', '/reports'), 403);
    expectProblem(
      await client(clientEditor, 'POST', `/reports/${report.body.id}/decision`, { action: 'hide' }),
      403,
    );

    const queue = await client(moderator, 'GET', '/reports?limit=100');
    expect(queue.status, queue.text).toBe(200);
    expect(queue.body.items.find((r) => r.id === report.body.id)).toMatchObject({
      reason: 'Dit is niet aardig.',
      reporter: { id: otherClient.id },
    });

    const decidedAt = Date.now();
    const hide = await client(moderator, 'POST', `/reports/${report.body.id}/decision`, {
      action: 'hide',
      note: 'Kwetsend',
    });
    expect(hide.status, hide.text).toBe(200);
    expect(hide.body).toMatchObject({ state: 'hidden' });
    // within one second: gone from direct reads, feeds and search for everyone else
    await eventually(
      async () => {
        const [read, feed, found] = await Promise.all([
          client(otherClient, 'GET', `/posts/${id}`),
          client(clientEditor, 'GET', '/feed/organization?limit=50'),
          client(otherClient, 'GET', `/search?q=${word}`),
        ]);
        return (
          read.status === 404 &&
          !feedIds(feed).includes(id) &&
          (found.body as unknown as { total: number }).total === 0
        );
      },
      (gone) => gone,
      1_000,
    );
    expect(Date.now() - decidedAt).toBeLessThan(1_000);
    // the author and moderators still see it, marked
    expect((await client(author, 'GET', `/posts/${id}`)).body).toMatchObject({ hidden: true });
    expect((await client(moderator, 'GET', `/posts/${id}`)).body).toMatchObject({ hidden: true });
    expect((await client(author, 'GET', `/search?q=${word}`)).body).toMatchObject({ total: 1 });

    // the reporter learns the outcome, never who decided
    const mine = await client(otherClient, 'GET', '/reports?mine=true');
    expect(mine.body.items.find((r) => r.id === report.body.id)).toEqual(
      expect.objectContaining({ state: 'hidden' }),
    );
    expect(JSON.stringify(mine.body)).not.toContain(moderator.id);
    expect(JSON.stringify(mine.body)).not.toContain('Kwetsend');
    const decided = (await readEvents('plein.moderation.report.decided')).find(
      (e) => (e.envelope.data as { reportId: string }).reportId === report.body.id,
    );
    expect(decided?.envelope.data).toEqual({
      reportId: report.body.id,
      reporterId: otherClient.id,
      contentType: 'post',
      contentId: id,
      action: 'hide',
    });

    // restore brings it back within a second
    const restore = await client(moderator, 'POST', `/reports/${report.body.id}/decision`, {
      action: 'restore',
    });
    expect(restore.status, restore.text).toBe(200);
    await eventually(
      async () => {
        const [read, found] = await Promise.all([
          client(otherClient, 'GET', `/posts/${id}`),
          client(otherClient, 'GET', `/search?q=${word}`),
        ]);
        return read.status === 200 && (found.body as unknown as { total: number }).total === 1;
      },
      (back) => back,
      1_000,
    );
    expect(await auditActions(id)).toEqual(['report.create', 'report.hide', 'report.restore']);
  });

  it('reports a comment within its post; the posts hide route goes through moderation', async () => {
    const p = await client(author, 'POST', '/posts', {
      body: 'Een gewoon bericht',
      audience: 'organization',
    });
    const c = await client(author, 'POST', `/posts/${p.body.id}/comments`, { body: 'Een reactie' });
    expectProblem(
      await client(otherClient, 'POST', '/reports', {
        contentType: 'comment',
        contentId: c.body.id,
        reason: 'x',
      }),
      400,
    );
    expectProblem(
      await client(otherClient, 'POST', '/reports', {
        contentType: 'comment',
        contentId: randomUUID(),
        parentId: p.body.id,
        reason: 'x',
      }),
      404,
    );
    const r = await client(otherClient, 'POST', '/reports', {
      contentType: 'comment',
      contentId: c.body.id,
      parentId: p.body.id,
      reason: 'Vervelend',
    });
    expect(r.status, r.text).toBe(201);
    const dismissed = await client(moderator, 'POST', `/reports/${r.body.id}/decision`, {
      action: 'dismiss',
    });
    expect(dismissed.body).toMatchObject({ state: 'dismissed' });

    expectProblem(
      await client(author, 'PUT', `/posts/${p.body.id}/hidden`, { hidden: true }),
      403,
      'forbidden',
    );
    const hidden = await client(moderator, 'PUT', `/posts/${p.body.id}/hidden`, {
      hidden: true,
      note: 'Spam',
    });
    expect(hidden.status, hidden.text).toBe(200);
    expect(hidden.body).toEqual({ contentType: 'post', contentId: p.body.id, hidden: true });
    await eventually(
      () => client(otherClient, 'GET', `/posts/${p.body.id}`),
      (a) => a.status === 404,
      1_000,
    );
    expect(await auditActions(p.body.id)).toEqual(['content.hide']);
    expect(await auditActions(c.body.id)).toEqual(['report.create', 'report.dismiss']);
  });
});

interface CommentBody {
  id: string;
  hidden?: boolean;
}
interface PostBody {
  id: string;
  commentCount: number;
  comments: CommentBody[];
}
interface AnswerBody {
  id: string;
  hidden?: boolean;
}

describe('a reported comment, hidden and restored', () => {
  it('is gone within a second from the post and the feeds for others; its author and moderators see it, marked', async () => {
    const p = await client(author, 'POST', '/posts', {
      body: 'Wie helpt er zaterdag mee in de tuin?',
      audience: 'organization',
    });
    expect(p.status, p.text).toBe(201);
    const postId = p.body.id;
    const kept = await client(author, 'POST', `/posts/${postId}/comments`, { body: 'Ik zet koffie.' });
    const c = await client(otherClient, 'POST', `/posts/${postId}/comments`, {
      body: 'Niemand, jij bent dom.',
    });
    expect(c.status, c.text).toBe(201);
    expect(c.body).not.toHaveProperty('hidden');
    const commentId = c.body.id;

    // the post's author (another client) reports it
    const report = await client(author, 'POST', '/reports', {
      contentType: 'comment',
      contentId: commentId,
      parentId: postId,
      reason: 'Dit is kwetsend.',
    });
    expect(report.status, report.text).toBe(201);

    const post = async (who: Person) =>
      (await client(who, 'GET', `/posts/${postId}`)).body as unknown as PostBody;
    const feedCount = async (who: Person) => {
      const feed = await client(who, 'GET', '/feed/organization?limit=50');
      const item = (feed.body.items as unknown as PostBody[]).find((i) => i.id === postId);
      return item?.commentCount;
    };
    expect(await feedCount(clientEditor)).toBe(2);

    const decidedAt = Date.now();
    const hide = await client(moderator, 'POST', `/reports/${report.body.id}/decision`, {
      action: 'hide',
      note: 'Kwetsend',
    });
    expect(hide.status, hide.text).toBe(200);
    expect(hide.body).toMatchObject({ state: 'hidden', contentType: 'comment', contentId: commentId });
    // within one second: gone from the post and the feed counts for every other reader
    await eventually(
      async () => {
        const [forAuthor, forEditor, count] = await Promise.all([
          post(author),
          post(clientEditor),
          feedCount(clientEditor),
        ]);
        return (
          !forAuthor.comments.some((x) => x.id === commentId) &&
          forAuthor.commentCount === 1 &&
          !forEditor.comments.some((x) => x.id === commentId) &&
          count === 1
        );
      },
      (gone) => gone,
      1_000,
    );
    expect(Date.now() - decidedAt).toBeLessThan(1_000);
    expect((await post(author)).comments.map((x) => x.id)).toEqual([kept.body.id]);
    expect(await feedCount(author)).toBe(1);
    // its author and moderators still see it, marked; the other comment is not marked
    for (const who of [otherClient, moderator]) {
      const seen = await post(who);
      expect(seen.commentCount).toBe(2);
      expect(seen.comments.find((x) => x.id === commentId)).toMatchObject({ hidden: true });
      expect(seen.comments.find((x) => x.id === kept.body.id)).not.toHaveProperty('hidden');
      expect(await feedCount(who)).toBe(2);
    }
    // a hidden comment is no comment to answer for whoever may not see it; its author still may
    expectProblem(
      await client(author, 'POST', `/posts/${postId}/comments`, { body: 'Nee hoor', parentId: commentId }),
      400,
    );
    // the live streams are told to read the post again
    await eventually(
      () => readEvents('plein.timelines.post.updated'),
      (events) =>
        events.some(
          (e) =>
            (e.envelope.data as { postId: string }).postId === postId &&
            Date.parse(e.envelope.occurredAt) >= decidedAt,
        ),
    );

    // restore brings it back within a second, unmarked
    const restore = await client(moderator, 'POST', `/reports/${report.body.id}/decision`, {
      action: 'restore',
    });
    expect(restore.status, restore.text).toBe(200);
    await eventually(
      async () => {
        const [forAuthor, count] = await Promise.all([post(author), feedCount(clientEditor)]);
        return (
          forAuthor.comments.some((x) => x.id === commentId) && forAuthor.commentCount === 2 && count === 2
        );
      },
      (back) => back,
      1_000,
    );
    expect((await post(otherClient)).comments.find((x) => x.id === commentId)).not.toHaveProperty('hidden');
    const { rows } = await db.query<{ hidden: boolean }>(
      'select hidden from timelines.comments where id = $1',
      [commentId],
    );
    expect(rows).toEqual([{ hidden: false }]);
    expect(await auditActions(commentId)).toEqual(['report.create', 'report.hide', 'report.restore']);
  });

  it('hides a reported knowledge answer the same way (staff tree)', async () => {
    const answerer = await fresh('staff', 'Kees', ['employee']);
    await untilKnown(db, [answerer.id]);
    const q = await staff(employee, 'POST', '/questions', { title: 'Waar staat de ladder?', body: '' });
    expect(q.status, q.text).toBe(201);
    const qid = q.body.id;
    const a = await staff(answerer, 'POST', `/questions/${qid}/answers`, { body: 'Zoek het zelf uit.' });
    expect(a.status, a.text).toBe(201);
    const answerId = a.body.id;
    const answers = async (who: Person) =>
      ((await staff(who, 'GET', `/questions/${qid}`)).body.answers as AnswerBody[]) ?? [];

    const report = await staff(employee, 'POST', '/reports', {
      contentType: 'answer',
      contentId: answerId,
      parentId: qid,
      reason: 'Onbeleefd',
    });
    expect(report.status, report.text).toBe(201);
    const decidedAt = Date.now();
    const hide = await staff(moderator, 'POST', `/reports/${report.body.id}/decision`, {
      action: 'hide',
      note: 'Onbeleefd',
    });
    expect(hide.status, hide.text).toBe(200);
    await eventually(
      () => answers(employee),
      (list) => !list.some((x) => x.id === answerId),
      1_000,
    );
    expect(Date.now() - decidedAt).toBeLessThan(1_000);
    for (const who of [answerer, moderator])
      expect((await answers(who)).find((x) => x.id === answerId)).toMatchObject({ hidden: true });

    const restore = await staff(moderator, 'POST', `/reports/${report.body.id}/decision`, {
      action: 'restore',
    });
    expect(restore.status, restore.text).toBe(200);
    await eventually(
      () => answers(employee),
      (list) => list.some((x) => x.id === answerId && x.hidden === undefined),
      1_000,
    );
    expect(await auditActions(answerId)).toEqual(['report.create', 'report.hide', 'report.restore']);
  });
});

describe('the audit log', () => {
  it('admins read and export it; no route and no SQL changes or deletes an entry', async () => {
    const page = await call(base(), admin, 'GET', '/api/admin/v1/audit?action=submission.publish&limit=5');
    expect(page.status, page.text).toBe(200);
    expect(page.body.items.length).toBeGreaterThan(0);
    expect(page.body.items[0]).toMatchObject({
      action: 'submission.publish',
      actorId: editor.id,
      actorErased: false,
    });
    const byActor = await call(base(), admin, 'GET', `/api/admin/v1/audit?actor=${moderator.id}&limit=100`);
    expect(new Set(byActor.body.items.map((i) => i.actorId))).toEqual(new Set([moderator.id]));
    expect(byActor.body.items.map((i) => i.action)).toEqual(
      expect.arrayContaining(['report.hide', 'report.restore', 'report.dismiss', 'content.hide']),
    );
    expectProblem(await call(base(), editor, 'GET', '/api/admin/v1/audit'), 403);
    expectProblem(await call(base(), admin, 'GET', '/api/admin/v1/audit?actor=nobody'), 400);

    const csv = await fetch(`${base()}/api/admin/v1/audit.csv?action=submission.publish`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('at,actor,action,subjectType,subjectId,reason,before,after');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[1]).toContain(`${editor.id},submission.publish,submission,`);

    // no route changes or deletes an entry
    const docs = (await call(base(), admin, 'GET', '/api/docs.json')).body as unknown as {
      paths: Record<string, Record<string, unknown>>;
    };
    const auditPaths = Object.entries(docs.paths).filter(([path]) => path.includes('audit'));
    expect(auditPaths.map(([path]) => path).sort()).toEqual([
      '/api/admin/v1/audit',
      '/api/admin/v1/audit.csv',
    ]);
    for (const [, ops] of auditPaths)
      expect(Object.keys(ops).filter((m) => m !== 'parameters')).toEqual(['get']);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'])
      expect((await call(base(), admin, method, '/api/admin/v1/audit')).status).toBe(404);

    // and the database refuses it
    const { rows } = await db.query<{ id: string }>('select id from moderation.audit_log limit 1');
    await expect(
      db.query(`update moderation.audit_log set action = 'tampered' where id = $1`, [rows[0]!.id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query('delete from moderation.audit_log where id = $1', [rows[0]!.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('truncate moderation.audit_log')).rejects.toThrow(/append-only/);
  });
});

describe('AVG: export and erasure', () => {
  it('exports what moderation holds of a person, and erases it in one go', async () => {
    const who = await fresh('clients', 'Wies', ['client']);
    const s = (await client(who, 'POST', '/submissions', { title: 'Mijn stuk', body: 'Over de buurttuin.' }))
      .body as unknown as SubmissionBody;
    const p = await client(author, 'POST', '/posts', {
      body: 'Een bericht om te melden',
      audience: 'organization',
    });
    const r = await client(who, 'POST', '/reports', {
      contentType: 'post',
      contentId: p.body.id,
      reason: 'Klopt niet',
    });
    expect(r.status, r.text).toBe(201);

    const rpc = (await import('@plein/testing')).testRpcClient('gateway');
    const { callRpc } = await import('@plein/messaging');
    const { personalDataExport } = await import('@plein/contracts');
    const exported = await callRpc(rpc, personalDataExport('moderation'), { userId: who.id });
    expect(exported.sections['submissions']).toMatchObject([{ id: s.id, title: 'Mijn stuk' }]);
    expect(exported.sections['reports']).toMatchObject([{ id: r.body.id, reason: 'Klopt niet' }]);
    await rpc.close();

    const erasureId = randomUUID();
    for (let i = 0; i < 2; i++)
      await publish('plein.identity.erasure.requested', {
        erasureId,
        userId: who.id,
        realm: 'clients',
        byUserId: admin.id,
        requestedAt: new Date().toISOString(),
      });
    const confirmations = await eventually(
      async () =>
        (await readEvents('plein.moderation.erasure.confirmed')).filter(
          (e) => (e.envelope.data as { erasureId: string }).erasureId === erasureId,
        ),
      (c) => c.length === 2,
    );
    expect(confirmations[0]!.envelope.data).toMatchObject({
      userId: who.id,
      service: 'moderation',
      removed: { submissions: 1 },
      anonymised: { reports: 1 },
    });
    expect(confirmations[1]!.envelope.data).toMatchObject({
      removed: { submissions: 0 },
      anonymised: { reports: 0 },
    });
    expect(
      (await db.query('select count(*)::int as n from moderation.submissions where author_id = $1', [who.id]))
        .rows[0].n,
    ).toBe(0);
    expect(
      (await db.query('select reporter_id from moderation.reports where id = $1', [r.body.id])).rows[0]
        .reporter_id,
    ).toBeNull();
    // the audit log keeps its entries, and says the actor is erased
    const log: Answer = await call(base(), admin, 'GET', `/api/admin/v1/audit?actor=${who.id}`);
    expect(log.body.items.length).toBeGreaterThan(0);
    for (const e of log.body.items) expect(e).toMatchObject({ actorId: null, actorErased: true });
    expect(
      (
        await db.query(
          `select count(*)::int as n from moderation.audit_log where action = 'person.erased' and subject_id = $1`,
          [erasedSubject(who.id)],
        )
      ).rows[0].n,
    ).toBe(1);
    // that entry names him by a one-way mark, not by his id
    expect(
      (await db.query(`select count(*)::int as n from moderation.audit_log where subject_id = $1`, [who.id]))
        .rows[0].n,
    ).toBe(0);
  });
});

async function publish(type: string, data: unknown): Promise<void> {
  const envelope: EventEnvelope = {
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    source: 'identity',
    version: 1,
    data,
  };
  const nc = await connectTestNats();
  try {
    await jetstream(nc).publish(type, JSON.stringify(envelope), { msgID: envelope.id });
  } finally {
    await nc.close();
  }
}

describe('the demo seed (deploy/seed/moderation)', () => {
  it('publishes the column "Uit de moestuin", returns one with feedback; a second run adds nothing', async () => {
    const { seedModeration } = await import('../services/moderation/src/live-seed.js');
    const { testNatsAccess } = await import('@plein/testing');
    expect(await seedModeration(testNatsAccess('gateway'))).toBe('4 submissions');
    expect(await seedModeration(testNatsAccess('gateway'))).toBe('submissions already seeded');
    const news = await eventually(
      () => client(otherClient, 'GET', '/feed/news?limit=50'),
      (a) => a.body.items.filter((i) => i['series'] === 'Uit de moestuin').length === 2,
    );
    expect(news.body.items.filter((i) => i['series'] === 'Uit de moestuin').map((i) => i['title'])).toEqual([
      'Slakken en sla',
      'De eerste courgettes',
    ]);
    const queue = await client(editor, 'GET', '/submissions?state=returned&limit=100');
    expect(queue.body.items.find((i) => i['title'] === 'Fietsen repareren in de werkplaats')).toMatchObject({
      feedback: [{ state: 'returned' }],
    });
  });
});
