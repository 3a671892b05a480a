import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { assertNoPersonalData } from '@plein/auth';
import {
  type Principal,
  type Submission as SubmissionView,
  type SubmissionComment,
  type SubmissionCreate,
  type SubmissionDecision,
  SubmissionListQuery,
  SubmissionPublished,
  SubmissionStateChanged,
  PleinError,
  forbidden,
  notFound,
} from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import { cursorCodec } from '@plein/persistence';
import { z } from 'zod';
import { appendAudit } from './audit.js';
import {
  type Submission,
  SubmissionCommentEntity,
  SubmissionDecisionEntity,
  SubmissionEntity,
} from './entities/index.js';
import { People } from './people.js';
import { isClientEditor, isEditor, onBoard } from './roles.js';
import { SERVICE } from './moderation.config.js';

const cursor = cursorCodec(z.tuple([z.iso.datetime(), z.uuid()]), 'The cursor is not one this list gave out');
const noSuchSubmission = () => notFound('No such submission');

/**
 * Submissions: an author (client or staff) proposes an article for the news of their intranet; the editorial
 * board discusses it; an editor publishes it (timelines makes it news), returns it with feedback (the author
 * revises and it is submitted again) or rejects it with a reason. Every step is in the audit log.
 */
@Injectable()
export class SubmissionService {
  constructor(private readonly em: EntityManager) {}

  /** The guard applies in the client intranet always, in the staff intranet when configured (module). */
  guardStaff = false;

  private guard(p: Principal, input: SubmissionCreate): void {
    if (p.intranet === 'staff' && !this.guardStaff) return;
    assertNoPersonalData({ title: input.title, body: input.body }, input.confirmPersonalData);
  }

  async create(input: SubmissionCreate, p: Principal): Promise<SubmissionView> {
    this.guard(p, input);
    const id = randomUUID();
    await this.em.transactional(async (tx) => {
      await new People(tx).remember(p);
      const s = tx.create(SubmissionEntity, {
        id,
        intranet: p.intranet,
        authorId: p.userId,
        title: input.title.trim(),
        body: input.body,
        series: input.series ?? null,
        image: input.image ?? null,
        state: 'submitted',
        publishedBy: null,
      });
      appendAudit(tx, {
        actorId: p.userId,
        action: 'submission.submit',
        subjectType: 'submission',
        subjectId: id,
        after: snapshot(s),
      });
      stateChanged(tx, s);
    });
    return this.get(id, p);
  }

  /** Readable: the author, the editors, and in the client intranet the client editors. */
  private async readable(em: EntityManager, id: string, p: Principal, lock = false): Promise<Submission> {
    const s = await em.findOne(
      SubmissionEntity,
      { id, intranet: p.intranet },
      lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
    );
    if (!s || (s.authorId !== p.userId && !onBoard(p))) throw noSuchSubmission();
    return s;
  }

  async get(id: string, p: Principal): Promise<SubmissionView> {
    const s = await this.readable(this.em, id, p);
    const [view] = await this.views(this.em, [s], p, true);
    return view!;
  }

  async list(
    q: z.infer<typeof SubmissionListQuery>,
    p: Principal,
  ): Promise<{
    items: SubmissionView[];
    nextCursor?: string;
  }> {
    if (!q.mine && !onBoard(p))
      throw forbidden('The queue is for the editorial board; ask for your own with mine=true');
    const where: Record<string, unknown> = { intranet: p.intranet };
    if (q.mine) where['authorId'] = p.userId;
    if (q.state) where['state'] = q.state;
    if (q.cursor) {
      const [at, id] = cursor.decode(q.cursor);
      where['$or'] = [{ updatedAt: { $lt: new Date(at) } }, { updatedAt: new Date(at), id: { $lt: id } }];
    }
    const rows = await this.em.find(SubmissionEntity, where, {
      orderBy: { updatedAt: 'desc', id: 'desc' },
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      items: await this.views(this.em, page, p, false),
      ...(rows.length > q.limit && last
        ? { nextCursor: cursor.encode([last.updatedAt.toISOString(), last.id]) }
        : {}),
    };
  }

  /** The author revises (a returned submission is submitted again); an editor may correct. */
  async update(id: string, input: SubmissionCreate, p: Principal): Promise<SubmissionView> {
    this.guard(p, input);
    await this.em.transactional(async (tx) => {
      const s = await this.readable(tx, id, p, true);
      const isAuthor = s.authorId === p.userId;
      if (!isAuthor && !isEditor(p)) throw forbidden('Only the author and the editors change a submission');
      if (s.state !== 'submitted' && s.state !== 'returned')
        throw new PleinError(409, 'submission_closed', `A ${s.state} submission can no longer be changed`);
      const before = snapshot(s);
      const resubmitted = isAuthor && s.state === 'returned';
      s.title = input.title.trim();
      s.body = input.body;
      s.series = input.series ?? null;
      s.image = input.image ?? null;
      if (resubmitted) s.state = 'submitted';
      s.updatedAt = new Date();
      appendAudit(tx, {
        actorId: p.userId,
        action: resubmitted ? 'submission.resubmit' : 'submission.revise',
        subjectType: 'submission',
        subjectId: id,
        before,
        after: snapshot(s),
      });
      if (resubmitted) stateChanged(tx, s);
    });
    return this.get(id, p);
  }

  async comment(id: string, body: string, p: Principal): Promise<SubmissionComment> {
    return this.em.transactional(async (tx) => {
      const s = await this.readable(tx, id, p);
      if (!onBoard(p)) throw forbidden('The editorial board discusses submissions');
      await new People(tx).remember(p);
      const c = tx.create(SubmissionCommentEntity, {
        id: randomUUID(),
        submissionId: s.id,
        authorId: p.userId,
        body,
      });
      appendAudit(tx, {
        actorId: p.userId,
        action: 'submission.comment',
        subjectType: 'submission',
        subjectId: id,
        after: { commentId: c.id },
      });
      await tx.flush();
      const card = await new People(tx).cards(p, [p.userId]);
      return { id: c.id, author: card(p.userId), body: c.body, createdAt: c.createdAt.toISOString() };
    });
  }

  /** Only editors decide; a client editor's attempt is 403 and changes nothing. */
  async decide(id: string, d: SubmissionDecision, p: Principal): Promise<SubmissionView> {
    if (!isEditor(p)) {
      // 404 for whoever may not even read it, 403 for a board member without the editor role
      await this.readable(this.em, id, p);
      throw forbidden(
        isClientEditor(p) ? 'Client editors discuss submissions; editors decide' : 'Only editors decide',
      );
    }
    await this.em.transactional(async (tx) => {
      const s = await this.readable(tx, id, p, true);
      if (s.state !== 'submitted')
        throw new PleinError(
          409,
          'submission_not_in_queue',
          `A ${s.state} submission is not waiting for a decision`,
        );
      const before = snapshot(s);
      const note = d.note?.trim() ?? '';
      s.state = d.action === 'publish' ? 'published' : d.action === 'return' ? 'returned' : 'rejected';
      s.updatedAt = new Date();
      if (s.state === 'published') s.publishedBy = p.userId;
      tx.create(SubmissionDecisionEntity, {
        id: randomUUID(),
        submissionId: s.id,
        state: s.state,
        note,
        editorId: p.userId,
      });
      appendAudit(tx, {
        actorId: p.userId,
        action: `submission.${d.action}`,
        subjectType: 'submission',
        subjectId: id,
        reason: note || null,
        before,
        after: snapshot(s),
      });
      stateChanged(tx, s, note);
      if (s.state === 'published')
        recordEvent(
          tx,
          SubmissionPublished,
          {
            submissionId: s.id,
            intranet: s.intranet,
            authorId: s.authorId,
            editorId: p.userId,
            title: s.title,
            body: s.body,
            ...(s.series ? { series: s.series } : {}),
            ...(s.image ? { image: s.image } : {}),
            publishedAt: s.updatedAt.toISOString(),
          },
          SERVICE,
        );
    });
    return this.get(id, p);
  }

  private async views(
    em: EntityManager,
    rows: Submission[],
    p: Principal,
    detail: boolean,
  ): Promise<SubmissionView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const decisions = await em.find(
      SubmissionDecisionEntity,
      { submissionId: { $in: ids } },
      { orderBy: { at: 'asc', id: 'asc' } },
    );
    const board = onBoard(p);
    const comments =
      detail && board
        ? await em.find(
            SubmissionCommentEntity,
            { submissionId: { $in: ids } },
            { orderBy: { createdAt: 'asc', id: 'asc' } },
          )
        : [];
    const card = await new People(em).cards(p, [
      ...rows.map((r) => r.authorId),
      ...comments.flatMap((c) => (c.authorId ? [c.authorId] : [])),
    ]);
    return rows.map((s) => ({
      id: s.id,
      intranet: s.intranet,
      title: s.title,
      body: s.body,
      ...(s.series ? { series: s.series } : {}),
      ...(s.image ? { image: s.image } : {}),
      state: s.state,
      author: card(s.authorId),
      mine: s.authorId === p.userId,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
      ...(s.state === 'published' ? { postId: s.id } : {}),
      feedback: decisions
        .filter((d) => d.submissionId === s.id)
        .map((d) => ({ state: d.state, note: d.note, at: d.at.toISOString() })),
      ...(detail && board
        ? {
            comments: comments
              .filter((c) => c.submissionId === s.id && c.authorId)
              .map((c) => ({
                id: c.id,
                author: card(c.authorId!),
                body: c.body,
                createdAt: c.createdAt.toISOString(),
              })),
          }
        : {}),
    }));
  }
}

/** What the audit log keeps of a submission before and after an action (never its body). */
const snapshot = (s: Submission) => ({
  state: s.state,
  title: s.title,
  series: s.series,
  bodyLength: s.body.length,
});

function stateChanged(tx: EntityManager, s: Submission, note?: string): void {
  recordEvent(
    tx,
    SubmissionStateChanged,
    {
      submissionId: s.id,
      authorId: s.authorId,
      intranet: s.intranet,
      title: s.title,
      state: s.state,
      ...(note ? { note } : {}),
    },
    SERVICE,
  );
}
