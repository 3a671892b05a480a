/**
 * Benchmark (not a test): the Kennisbank at the size of a large organisation, through the gateway.
 *
 * Seeds BENCH_QUESTIONS (5,000) staff questions with three answers each and votes straight into the knowledge
 * service's tables of a running system (`bash bench/run.sh knowledge`), then measures
 *   - the question list, page 1 (recent)     GET /api/staff/v1/questions
 *   - the unanswered list                    GET /api/staff/v1/questions?filter=unanswered
 *   - the list by tag                        GET /api/staff/v1/questions?tag=…
 *   - a question page with its answers       GET /api/staff/v1/questions/{id}
 * with a real staff token, BENCH_CONNECTIONS (10) connections for BENCH_SECONDS (15) each.
 * Bench rows are marked (titles 'Bench vraag …') and replaced on each run.
 */
import pg from 'pg';
import { load, report, token } from './lib.ts';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const GATEWAY = env('BENCH_GATEWAY', 'http://localhost:3000');
const DATABASE_URL = env('BENCH_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/plein');
const KEYCLOAK = env('KEYCLOAK_URL', 'http://localhost:8080');
const QUESTIONS = Number(env('BENCH_QUESTIONS', '5000'));
const CONNECTIONS = Number(env('BENCH_CONNECTIONS', '10'));
const SECONDS = Number(env('BENCH_SECONDS', '15'));

async function seed(db: pg.Client): Promise<string[]> {
  const t0 = performance.now();
  await db.query('begin');
  await db.query(`delete from knowledge.questions where title like 'Bench vraag %'`);
  await db.query(
    `insert into knowledge.questions (id, intranet, audience, author_id, title, body, tags, answer_count, created_at, updated_at)
     select gen_random_uuid(), 'staff', 'organization', gen_random_uuid(), 'Bench vraag ' || i,
            'Een vraag om te meten, nummer ' || i, array['bench-' || (i % 50)], case when i % 4 = 0 then 0 else 3 end,
            now() - (i || ' minutes')::interval, now()
       from generate_series(1, $1) i`,
    [QUESTIONS],
  );
  await db.query(
    `insert into knowledge.answers (id, question_id, intranet, audience, author_id, body, created_at, updated_at)
     select gen_random_uuid(), q.id, 'staff', 'organization', gen_random_uuid(), 'Bench antwoord ' || a, now(), now()
       from knowledge.questions q cross join generate_series(1, 3) a
      where q.title like 'Bench vraag %' and q.answer_count = 3`,
  );
  await db.query(
    `insert into knowledge.votes (answer_id, user_id, value)
     select a.id, gen_random_uuid(), 1 from knowledge.answers a cross join generate_series(1, 4)
      where a.body like 'Bench antwoord %'`,
  );
  await db.query('commit');
  await db.query('analyze knowledge.questions, knowledge.answers, knowledge.votes');
  const { rows } = await db.query<{ id: string }>(
    `select id from knowledge.questions where title like 'Bench vraag %' and answer_count = 3 limit 200`,
  );
  console.log(`seeded ${QUESTIONS} questions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return rows.map((r) => r.id);
}

const db = new pg.Client({ connectionString: DATABASE_URL });
await db.connect();
const ids = await seed(db);
await db.end();
const bearer = await token(KEYCLOAK, 'staff', 'staff.employee');
const get = (path: string) => fetch(`${GATEWAY}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
const results = [
  await load('questions, recent, page 1', CONNECTIONS, SECONDS, () => get('/api/staff/v1/questions')),
  await load('questions, unanswered', CONNECTIONS, SECONDS, () =>
    get('/api/staff/v1/questions?filter=unanswered'),
  ),
  await load('questions by tag', CONNECTIONS, SECONDS, (w, i) =>
    get(`/api/staff/v1/questions?tag=bench-${(w * 7 + i) % 50}`),
  ),
  await load('a question page (3 answers, votes)', CONNECTIONS, SECONDS, (w, i) =>
    get(`/api/staff/v1/questions/${ids[(w * 31 + i) % ids.length]}`),
  ),
];
report(results);
