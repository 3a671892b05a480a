import { MikroORM } from '@mikro-orm/postgresql';
import { ConfigError, DatabaseEnv, loadConfig } from '@plein/config';
import { serviceOrmConfig } from '@plein/persistence';
import { importHandbook } from './handbook-import.service.js';
import { knowledgeDatabase } from './knowledge.config.js';

/**
 * `node services/knowledge/dist/import.js <folder>`: Markdown files with front matter become handbook
 * articles (and how-to pages). Safe to run again; only changed files give a new version. The events it
 * records wait in the outbox until the knowledge service's relay publishes them.
 */
export async function runImport(databaseUrl: string, folder: string) {
  const orm = await MikroORM.init(serviceOrmConfig(knowledgeDatabase(databaseUrl)));
  try {
    return await importHandbook(orm.em.fork(), folder);
  } finally {
    await orm.close(true);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const folder = process.argv[2];
  try {
    if (!folder) throw new Error('usage: import.js <folder of Markdown files>');
    const { DATABASE_URL } = loadConfig(DatabaseEnv);
    const r = await runImport(DATABASE_URL, folder);
    console.log(
      `knowledge import: ${r.created.length} new, ${r.updated.length} changed, ${r.unchanged.length} unchanged`,
    );
  } catch (err) {
    console.error(`knowledge import: ${err instanceof ConfigError ? err.message : String(err)}`);
    process.exit(1);
  }
}
