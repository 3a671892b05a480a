import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { ContentHidden, ContentRestored, type EventEnvelope } from '@plein/contracts';
import { connectTestNats } from '@plein/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, readEvents } from './support/events.js';
import { type Person, call, database, expectProblem, person, untilKnown } from './support/api.js';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
let db: pg.Client;
let employee: Person, mentor: Person, editor: Person, moderator: Person, client: Person, otherClient: Person;
let otherKeycloakUser: TestPerson | undefined;
const base = () => system.url;
const staff = (who: Person, method: string, path: string, body?: unknown) =>
  call(base(), who, method, `/api/staff/v1${path}`, body);
const clientTree = (who: Person, method: string, path: string, body?: unknown) =>
  call(base(), who, method, `/api/client/v1${path}`, body);

interface AnswerBody {
  id: string;
  score: number;
  myVote?: number;
  accepted: boolean;
  author: { id: string } | null;
}
interface QuestionBody {
  id: string;
  title: string;
  asker: { id: string; displayName: string } | null;
  askedByMe: boolean;
  anonymous: boolean;
  acceptedAnswerId: string | null;
  answers: AnswerBody[];
  items: { id: string; answerCount: number }[];
}

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['questions', 'answers', 'votes', 'answer_comments', 'outbox'])
    out[t] = (await db.query<{ n: number }>(`select count(*)::int as n from knowledge.${t}`)).rows[0]!.n;
  return out;
}

beforeAll(async () => {
  system = await startSystem();
  db = await database();
  employee = await person(base(), 'staff', 'staff.employee');
  mentor = await person(base(), 'staff', 'staff.mentor');
  editor = await person(base(), 'staff', 'staff.editor');
  moderator = await person(base(), 'staff', 'staff.moderator');
  client = await person(base(), 'clients', 'client.member');
  // a fresh client as the other reader: client.other must stay unprovisioned for identity's first-login test
  otherKeycloakUser = await createKeycloakUser('clients', 'Ineke', `Lezer${Date.now().toString(36)}`);
  otherClient = await person(base(), 'clients', otherKeycloakUser.username);
  await untilKnown(
    db,
    [employee, mentor, editor, moderator, client, otherClient].map((p) => p.id),
  );
}, 90_000);

afterAll(async () => {
  if (otherKeycloakUser) await deleteKeycloakUser(otherKeycloakUser);
  await db?.end();
  await system?.close();
});

async function ask(
  who: Person,
  tree: 'staff' | 'client',
  body: Record<string, unknown>,
): Promise<QuestionBody> {
  const answer = await call<QuestionBody>(base(), who, 'POST', `/api/${tree}/v1/questions`, body);
  expect(answer.status, answer.text).toBe(201);
  return answer.body;
}

describe('visibility per intranet, group and role', () => {
  it('a staff-intranet question is not there for clients nor in the client tree; a client question is not in the staff tree', async () => {
    const q = await ask(employee, 'staff', {
      title: 'Hoe meld ik een incident na sluitingstijd?',
      body: 'Wie bel ik?',
    });
    expect((await staff(mentor, 'GET', `/questions/${q.id}`)).status).toBe(200);
    expect((await clientTree(mentor, 'GET', `/questions/${q.id}`)).status).toBe(404);
    expect((await clientTree(client, 'GET', `/questions/${q.id}`)).status).toBe(404);
    expectProblem(await staff(client, 'GET', `/questions/${q.id}`), 403);
    const clientList = await clientTree(client, 'GET', '/questions');
    expect(clientList.body.items.map((i) => i.id)).not.toContain(q.id);

    const cq = await ask(client, 'client', { title: 'Hoe schrijf ik me in voor de kookgroep?', body: '' });
    expect((await clientTree(otherClient, 'GET', `/questions/${cq.id}`)).status).toBe(200);
    expect((await clientTree(mentor, 'GET', `/questions/${cq.id}`)).status).toBe(200);
    expect((await staff(mentor, 'GET', `/questions/${cq.id}`)).status).toBe(404);
    const staffList = await staff(mentor, 'GET', '/questions');
    expect(staffList.body.items.map((i) => i.id)).toContain(q.id);
    expect(staffList.body.items.map((i) => i.id)).not.toContain(cq.id);
  });

  it('a group question is read by the group members only, moderators included in nothing extra', async () => {
    const group = await staff(employee, 'POST', '/groups', {
      name: `Kennisgroep ${Date.now()}`,
      kind: 'closed',
    });
    expect(group.status, group.text).toBe(201);
    const q = await ask(employee, 'staff', {
      title: 'Vraag binnen de werkgroep',
      body: 'Alleen voor ons',
      groupId: group.body.id,
    });
    expect((await staff(employee, 'GET', `/questions/${q.id}`)).status).toBe(200);
    expect((await staff(mentor, 'GET', `/questions/${q.id}`)).status).toBe(404);
    expect((await staff(moderator, 'GET', `/questions/${q.id}`)).status).toBe(404);
    const list = await staff(mentor, 'GET', '/questions?filter=unanswered');
    expect(list.body.items.map((i) => i.id)).not.toContain(q.id);
    // asking in a group you are not a member of is refused, and writes nothing
    const before = await counts();
    expectProblem(
      await staff(mentor, 'POST', '/questions', { title: 'Mag dit?', groupId: group.body.id }),
      403,
    );
    expect(await counts()).toEqual(before);
  });

  it('lists unanswered and by tag', async () => {
    const tag = `tag-${Date.now()}`;
    const q1 = await ask(employee, 'staff', { title: 'Eerste vraag met tag', tags: [tag] });
    const q2 = await ask(employee, 'staff', { title: 'Tweede vraag met tag', tags: [tag] });
    const a = await staff(mentor, 'POST', `/questions/${q1.id}/answers`, { body: 'Zo doe je dat.' });
    expect(a.status, a.text).toBe(201);
    const byTag = await staff(mentor, 'GET', `/questions?tag=${tag}`);
    expect(byTag.body.items.map((i) => i.id)).toEqual([q2.id, q1.id]);
    const unanswered = await staff(mentor, 'GET', `/questions?tag=${tag}&filter=unanswered`);
    expect(unanswered.body.items.map((i) => i.id)).toEqual([q2.id]);
  });
});

describe('accepting', () => {
  it('only the asker or an editor accepts, and only an answer of that question', async () => {
    const q = await ask(employee, 'staff', { title: 'Wie accepteert dit antwoord?' });
    const other = await ask(employee, 'staff', { title: 'Een andere vraag' });
    const a = (await staff(mentor, 'POST', `/questions/${q.id}/answers`, { body: 'Het antwoord' })).body;
    const b = (await staff(moderator, 'POST', `/questions/${other.id}/answers`, { body: 'Ander antwoord' }))
      .body;

    const before = await counts();
    expectProblem(await staff(mentor, 'PUT', `/questions/${q.id}/accepted`, { answerId: a.id }), 403);
    expectProblem(await staff(employee, 'PUT', `/questions/${q.id}/accepted`, { answerId: b.id }), 400);
    expect(await counts()).toEqual(before);
    expect((await staff(employee, 'GET', `/questions/${q.id}`)).body.acceptedAnswerId).toBeNull();

    const byAsker = await call<QuestionBody>(
      base(),
      employee,
      'PUT',
      `/api/staff/v1/questions/${q.id}/accepted`,
      { answerId: a.id },
    );
    expect(byAsker.status, byAsker.text).toBe(200);
    expect(byAsker.body.acceptedAnswerId).toBe(a.id);
    expect(byAsker.body.answers.find((x) => x.id === a.id)?.accepted).toBe(true);

    const byEditor = await call<QuestionBody>(
      base(),
      editor,
      'PUT',
      `/api/staff/v1/questions/${other.id}/accepted`,
      { answerId: b.id },
    );
    expect(byEditor.status, byEditor.text).toBe(200);
    expect(byEditor.body.acceptedAnswerId).toBe(b.id);
  });
});

describe('votes', () => {
  it('one vote per person per answer, also when the same person votes twice at the same moment', async () => {
    const q = await ask(employee, 'staff', { title: 'Welke vote telt?' });
    const a = (await staff(mentor, 'POST', `/questions/${q.id}/answers`, { body: 'Stem op mij' })).body;

    const both = await Promise.all(
      Array.from({ length: 6 }, () => staff(employee, 'PUT', `/answers/${a.id}/vote`, { value: 1 })),
    );
    for (const r of both) expect(r.status, r.text).toBe(200);
    const rows = await db.query('select user_id, value from knowledge.votes where answer_id = $1', [a.id]);
    expect(rows.rows).toEqual([{ user_id: employee.id, value: 1 }]);

    let view = await call<QuestionBody>(base(), employee, 'GET', `/api/staff/v1/questions/${q.id}`);
    expect(view.body.answers[0]).toMatchObject({ id: a.id, score: 1, myVote: 1 });

    // changing it replaces it
    expect((await staff(employee, 'PUT', `/answers/${a.id}/vote`, { value: -1 })).body).toMatchObject({
      score: -1,
      myVote: -1,
    });
    expect((await staff(editor, 'PUT', `/answers/${a.id}/vote`, { value: 1 })).body).toMatchObject({
      score: 0,
      myVote: 1,
    });
    expect((await staff(employee, 'DELETE', `/answers/${a.id}/vote`)).body).toMatchObject({ score: 1 });
    view = await call<QuestionBody>(base(), employee, 'GET', `/api/staff/v1/questions/${q.id}`);
    expect(view.body.answers[0]?.score).toBe(1);
    expect(view.body.answers[0]?.myVote).toBeUndefined();
  });
});

describe('anonymous questions', () => {
  it('never reveal the asker to a non-moderator in a response, a list or an event', async () => {
    const q = await ask(employee, 'staff', {
      title: 'Anoniem: hoe ga ik om met een collega die grenzen overschrijdt?',
      body: 'Ik wil dit liever anoniem vragen.',
      anonymous: true,
      tags: ['anoniem-test'],
    });
    expect(q.asker).toBeNull();
    expect(q.askedByMe).toBe(true);
    const a = await staff(mentor, 'POST', `/questions/${q.id}/answers`, {
      body: 'Bespreek het met je teamleider.',
    });
    expect(a.status).toBe(201);
    await staff(employee, 'PUT', `/questions/${q.id}/accepted`, { answerId: a.body.id });

    const leaks = (text: string) => text.includes(employee.id) || text.includes(employee.username);
    for (const who of [mentor, editor, client]) {
      for (const [tree, path] of [
        ['staff', `/questions/${q.id}`],
        ['staff', '/questions'],
        ['staff', '/questions?tag=anoniem-test'],
        ['staff', '/questions?filter=unanswered'],
      ] as const) {
        const r = await call<QuestionBody>(base(), who, 'GET', `/api/${tree}/v1${path}`);
        // lists hold the employee's other (named) questions too: what matters is this question's entry
        const mine = r.body.items ? r.body.items.find((i) => i.id === q.id) : r.body;
        const text = JSON.stringify(mine ?? null);
        expect(leaks(text), `${who.username} ${path}: ${text.slice(0, 300)}`).toBe(false);
      }
    }
    const seenByMentor = await call<QuestionBody>(base(), mentor, 'GET', `/api/staff/v1/questions/${q.id}`);
    expect(seenByMentor.body).toMatchObject({ anonymous: true, asker: null, askedByMe: false });

    const seenByModerator = await call<QuestionBody>(
      base(),
      moderator,
      'GET',
      `/api/staff/v1/questions/${q.id}`,
    );
    expect(seenByModerator.body.asker?.id).toBe(employee.id);

    // the events: asked, updated (answer), answer posted, accepted — none names the asker
    const events = await eventually(
      () => readEvents('plein.knowledge.>'),
      (evs) =>
        evs.some(
          (e) =>
            e.envelope.type === 'plein.knowledge.answer.accepted' &&
            JSON.stringify(e.envelope.data).includes(q.id),
        ),
    );
    const about = events.filter((e) => JSON.stringify(e.envelope).includes(q.id));
    expect(about.map((e) => e.envelope.type)).toEqual(
      expect.arrayContaining([
        'plein.knowledge.question.asked',
        'plein.knowledge.question.updated',
        'plein.knowledge.answer.posted',
        'plein.knowledge.answer.accepted',
      ]),
    );
    for (const e of about) expect(leaks(JSON.stringify(e.envelope)), e.envelope.type).toBe(false);
  });

  it('is refused in the client intranet', async () => {
    const before = await counts();
    expectProblem(
      await clientTree(client, 'POST', '/questions', { title: 'Anoniem?', anonymous: true }),
      400,
    );
    expect(await counts()).toEqual(before);
  });
});

describe('bad input is a clear 4xx and changes nothing', () => {
  it('empty title, over-long body, voting on an answer you cannot see, unknown ids', async () => {
    const group = await staff(employee, 'POST', '/groups', {
      name: `Besloten ${Date.now()}`,
      kind: 'closed',
    });
    const hiddenQ = await ask(employee, 'staff', { title: 'Groepsvraag', groupId: group.body.id });
    const hiddenA = (
      await staff(employee, 'POST', `/questions/${hiddenQ.id}/answers`, { body: 'Binnen de groep' })
    ).body;
    const before = await counts();

    expectProblem(
      await staff(employee, 'POST', '/questions', { title: '   ', body: 'x' }),
      400,
      'bad_request',
    );
    expectProblem(
      await staff(employee, 'POST', '/questions', { title: 'Lang', body: 'x'.repeat(20_001) }),
      400,
    );
    expectProblem(await staff(employee, 'POST', '/questions', { title: 'Extra veld', evil: true }), 400);
    expectProblem(await staff(mentor, 'PUT', `/answers/${hiddenA.id}/vote`, { value: 1 }), 404);
    expectProblem(
      await staff(mentor, 'POST', `/questions/${hiddenQ.id}/answers`, { body: 'Ik zie het niet' }),
      404,
    );
    expectProblem(await staff(employee, 'PUT', `/answers/${hiddenA.id}/vote`, { value: 2 }), 400);
    expectProblem(await staff(employee, 'PUT', `/answers/${hiddenA.id}/vote`, { value: 1 }), 403);
    expectProblem(await staff(employee, 'POST', `/questions/${hiddenQ.id}/answers`, { body: '' }), 400);
    expectProblem(await staff(employee, 'GET', '/questions/not-a-uuid'), 400);
    expectProblem(await staff(employee, 'GET', '/questions?cursor=bogus'), 400);
    expect(await counts()).toEqual(before);
  });
});

/** Publishes a moderation decision on JetStream as the moderation service's outbox relay would. */
async function publishModeration(type: string, data: unknown): Promise<void> {
  const envelope: EventEnvelope = {
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    source: 'moderation',
    version: 1,
    data,
  };
  const nc = await connectTestNats(); // moderation is not built yet: the test publishes its events
  try {
    await jetstream(nc).publish(type, JSON.stringify(envelope), { msgID: envelope.id });
  } finally {
    await nc.close();
  }
}

describe('moderation', () => {
  it('a hidden question is seen only by moderators and its asker, until it is restored', async () => {
    const q = await ask(employee, 'staff', { title: 'Een vraag die de moderatie verbergt' });
    await publishModeration(ContentHidden.type, {
      contentType: 'question',
      contentId: q.id,
      byUserId: moderator.id,
    });
    await eventually(
      () => staff(mentor, 'GET', `/questions/${q.id}`),
      (r) => r.status === 404,
    );
    expect((await staff(moderator, 'GET', `/questions/${q.id}`)).body).toMatchObject({ hidden: true });
    expect((await staff(employee, 'GET', `/questions/${q.id}`)).body).toMatchObject({ hidden: true });
    expect((await staff(mentor, 'GET', '/questions')).body.items.map((i) => i.id)).not.toContain(q.id);
    await publishModeration(ContentRestored.type, {
      contentType: 'question',
      contentId: q.id,
      byUserId: moderator.id,
    });
    await eventually(
      () => staff(mentor, 'GET', `/questions/${q.id}`),
      (r) => r.status === 200,
    );
  });

  it("a question's answer count counts only the answers moderation has not hidden, in its list, the unanswered filter and search's event", async () => {
    const tag = `verborgen-${Date.now()}`;
    const q = await ask(employee, 'staff', { title: 'Een vraag met een verborgen antwoord', tags: [tag] });
    const kept = await staff(mentor, 'POST', `/questions/${q.id}/answers`, { body: 'Dit antwoord blijft.' });
    expect(kept.status, kept.text).toBe(201);
    const hidden = await staff(editor, 'POST', `/questions/${q.id}/answers`, {
      body: 'Dit antwoord verdwijnt.',
    });
    expect(hidden.status, hidden.text).toBe(201);
    const listed = async () =>
      (await staff(mentor, 'GET', `/questions?tag=${tag}`)).body.items.find((i) => i.id === q.id)
        ?.answerCount;
    const unanswered = async () =>
      (await staff(mentor, 'GET', `/questions?tag=${tag}&filter=unanswered`)).body.items.map((i) => i.id);
    /** The question.updated events of this question, oldest first (one a moderation decision it applied). */
    const updates = async () =>
      (await readEvents('plein.knowledge.question.updated'))
        .map((e) => e.envelope.data as { questionId: string; answerCount: number; answerText: string })
        .filter((d) => d.questionId === q.id);
    expect(await listed()).toBe(2);
    // each answer is an update too: the decisions' updates follow these
    const answered = (await eventually(updates, (u) => u.some((d) => d.answerText.includes('verdwijnt'))))
      .length;
    const decide = async (type: string, answerId: string, nth: number) => {
      await publishModeration(type, { contentType: 'answer', contentId: answerId, byUserId: moderator.id });
      return eventually(updates, (u) => u.length === answered + nth);
    };

    const afterHide = await decide(ContentHidden.type, hidden.body.id, 1);
    expect(afterHide.at(-1)!.answerCount).toBe(1);
    expect(await listed()).toBe(1);
    // the same decision again (another event) counts the hidden answer out once, not twice
    const afterHideAgain = await decide(ContentHidden.type, hidden.body.id, 2);
    expect(afterHideAgain.at(-1)!.answerCount).toBe(1);
    expect(await listed()).toBe(1);
    // with its only other answer hidden too, the question is unanswered to its readers
    const afterBoth = await decide(ContentHidden.type, kept.body.id, 3);
    expect(afterBoth.at(-1)!.answerCount).toBe(0);
    expect(await listed()).toBe(0);
    expect(await unanswered()).toEqual([q.id]);
    // restored, each counts again
    await decide(ContentRestored.type, kept.body.id, 4);
    const afterRestore = await decide(ContentRestored.type, hidden.body.id, 5);
    expect(afterRestore.at(-1)!.answerCount).toBe(2);
    expect(await listed()).toBe(2);
    expect(await unanswered()).toEqual([]);
  });
});
