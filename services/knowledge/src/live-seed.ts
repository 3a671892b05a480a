import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { DatabaseEnv, NatsEnv, loadConfig, runSeed } from '@plein/config';
import { KnowledgeRpc, type Principal } from '@plein/contracts';
import { type NatsAccess, callRpc, demoPeople, natsClientProxy } from '@plein/messaging';
import { serviceOrmConfig } from '@plein/persistence';
import { importHandbook } from './handbook-import.service.js';
import { knowledgeDatabase } from './knowledge.config.js';
import { PeopleRepository } from './repositories/people.repository.js';

/**
 * Knowledge's part of the demo organisation (deploy/seed/knowledge, Dutch and fictional): the handbook and the
 * how-to pages through the import (owners resolved by username), then twenty questions with answers through
 * knowledge's own RPCs, so they are validated and their events published like any other. Idempotent: the
 * import changes nothing on a second run, and the questions are skipped when the first one is there.
 */
interface SeedQuestion {
  asker: string;
  title: string;
  body: string;
  tags: string[];
  anonymous: boolean;
  answers: { author: string; body: string; accepted: boolean }[];
}
const ROOT = resolve(import.meta.dirname, '../../..');
const SEED = resolve(ROOT, 'deploy/seed/knowledge');

/**
 * The handbook through the import, the questions and answers as the demo people, through the same RPCs and
 * principals the gateway would send: it connects as NATS user `gateway` (./plein up passes its credentials).
 */
export async function seedKnowledge(databaseUrl: string, access: NatsAccess): Promise<string> {
  const nats = natsClientProxy(access, 'knowledge-live-seed');
  const orm = await MikroORM.init(serviceOrmConfig(knowledgeDatabase(databaseUrl)));
  try {
    const people = await demoPeople(nats, ROOT);
    // the handbook's owners are named by username: knowledge learns the demo people first
    await orm.em.fork().transactional(async (tx) => {
      const repo = new PeopleRepository(tx);
      for (const p of people.all()) await repo.remember(p);
    });
    const imported = await importHandbook(orm.em.fork(), SEED);

    const as = (username: string): Principal => people.as(username);
    const { questions } = JSON.parse(await readFile(resolve(SEED, 'questions.json'), 'utf8')) as {
      questions: SeedQuestion[];
    };
    const first = questions[0]!;
    const existing = await callRpc(nats, KnowledgeRpc.listQuestions, { limit: 50 }, as(first.asker));
    if (existing.items.some((q) => q.title === first.title))
      return `handbook ${imported.created.length} new, ${imported.updated.length} changed; questions already seeded`;
    for (const q of [...questions].reverse()) {
      const asked = await callRpc(
        nats,
        KnowledgeRpc.askQuestion,
        { title: q.title, body: q.body, tags: q.tags, anonymous: q.anonymous },
        as(q.asker),
      );
      for (const a of q.answers) {
        const answer = await callRpc(
          nats,
          KnowledgeRpc.postAnswer,
          { questionId: asked.id, body: a.body },
          as(a.author),
        );
        if (a.accepted)
          await callRpc(nats, KnowledgeRpc.acceptAnswer, { id: asked.id, answerId: answer.id }, as(q.asker));
        if (a.author !== q.asker)
          await callRpc(nats, KnowledgeRpc.voteAnswer, { id: answer.id, value: 1 }, as(q.asker));
      }
    }
    return `handbook ${imported.created.length} new, ${imported.updated.length} changed; ${questions.length} questions`;
  } finally {
    nats.close();
    await orm.close(true);
  }
}

await runSeed(import.meta.url, 'knowledge seed', () => {
  const config = loadConfig(DatabaseEnv.extend(NatsEnv.shape));
  return seedKnowledge(config.DATABASE_URL, config);
});
