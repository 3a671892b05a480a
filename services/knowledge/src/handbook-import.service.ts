import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ARTICLE_BODY_MAX, TITLE_MAX } from '@plein/contracts';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { recordPublished } from './handbook.service.js';
import { recordHowto } from './howto.service.js';
import { HandbookRepository } from './repositories/handbook.repository.js';
import { HowtoRepository } from './repositories/howto.repository.js';
import { PeopleRepository } from './repositories/people.repository.js';

/** The front matter of an imported Markdown file. */
const FrontMatter = z.object({
  type: z.enum(['article', 'howto']).default('article'),
  title: z.string().trim().min(1).max(TITLE_MAX),
  /** The chapter's slug; made when it does not exist yet. */
  chapter: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .optional(),
  chapterTitle: z.string().trim().min(1).max(TITLE_MAX).optional(),
  chapterPosition: z.number().int().min(0).max(10_000).optional(),
  /** The owner's username (a person knowledge knows; otherwise the article has no owner yet). */
  owner: z.string().optional(),
  /** Review-by date. */
  review: z.union([z.iso.date(), z.date().transform((d) => d.toISOString().slice(0, 10))]).optional(),
  /** The change note of the version this file makes when it changed. */
  change: z.string().max(500).optional(),
});
type FrontMatter = z.infer<typeof FrontMatter>;

export interface ImportResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/** Splits `---\n<yaml>\n---\n<markdown>`. */
export function splitFrontMatter(text: string): { data: unknown; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new Error('no front matter (--- … ---) at the top');
  return { data: parseYaml(m[1]!), body: m[2]!.trim() + '\n' };
}

async function markdownFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await markdownFiles(path)));
    else if (entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md') out.push(path);
  }
  return out.sort();
}

/**
 * Imports a folder of Markdown files with front matter as handbook articles (and how-to pages). Each file is
 * keyed by its path in the folder and the hash of its content: running the import again changes nothing,
 * and a changed file gives exactly one new (published) version. Each file commits on its own.
 */
export async function importHandbook(em: EntityManager, folder: string): Promise<ImportResult> {
  const result: ImportResult = { created: [], updated: [], unchanged: [] };
  for (const file of await markdownFiles(folder)) {
    const path = relative(folder, file).split('\\').join('/');
    const text = await readFile(file, 'utf8');
    const hash = createHash('sha256').update(text).digest('hex');
    const { data, body } = splitFrontMatter(text);
    const parsed = FrontMatter.safeParse(data);
    if (!parsed.success)
      throw new Error(
        `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    if (body.length > ARTICLE_BODY_MAX)
      throw new Error(`${path}: longer than ${ARTICLE_BODY_MAX} characters`);
    const outcome = await em
      .fork()
      .transactional((tx) =>
        parsed.data.type === 'howto'
          ? importHowto(tx, path, parsed.data, body)
          : importArticle(tx, path, hash, parsed.data, body),
      );
    result[outcome].push(path);
  }
  return result;
}

async function importArticle(
  tx: EntityManager,
  path: string,
  hash: string,
  fm: FrontMatter,
  body: string,
): Promise<keyof ImportResult> {
  const repo = new HandbookRepository(tx);
  const existing = await repo.articleBySource(path);
  if (existing?.sourceHash === hash) return 'unchanged';
  if (!fm.chapter) throw new Error(`${path}: an article needs a chapter`);
  const chapter =
    (await repo.chapterBySlug(fm.chapter)) ??
    (await repo.createChapter(fm.chapter, fm.chapterTitle ?? fm.chapter, fm.chapterPosition ?? 0));
  const owner = fm.owner ? await new PeopleRepository(tx).byUsername(fm.owner) : undefined;
  const article =
    existing ??
    (await repo.createArticle({
      chapterId: chapter.id,
      title: fm.title,
      ownerId: owner?.id ?? null,
      reviewBy: fm.review ?? null,
      sourcePath: path,
      sourceHash: hash,
    }));
  article.chapterId = chapter.id;
  article.sourceHash = hash;
  if (owner) article.ownerId = owner.id;
  if (fm.review) article.reviewBy = fm.review;
  const v = repo.addVersion(article, {
    title: fm.title,
    body,
    changeNote: existing ? (fm.change ?? 'Bijgewerkt via de import') : 'Geïmporteerd',
    authorId: null,
    publish: true,
  });
  await tx.flush();
  recordPublished(tx, article, v);
  return existing ? 'updated' : 'created';
}

async function importHowto(
  tx: EntityManager,
  path: string,
  fm: FrontMatter,
  body: string,
): Promise<keyof ImportResult> {
  const repo = new HowtoRepository(tx);
  const existing = await repo.bySource(path);
  if (existing && existing.title === fm.title && existing.body === body && existing.published)
    return 'unchanged';
  const h =
    existing ?? repo.create({ title: fm.title, body, published: true, authorId: null, sourcePath: path });
  h.title = fm.title;
  h.body = body;
  h.published = true;
  await tx.flush();
  recordHowto(tx, h);
  return existing ? 'updated' : 'created';
}
