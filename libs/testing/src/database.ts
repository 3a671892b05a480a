import { assertTestDatabase } from '@plein/persistence';
import pg from 'pg';

/** Drops and recreates the test database (only one whose name marks it as a test database). */
export async function recreateTestDatabase(databaseUrl: string): Promise<void> {
  const name = assertTestDatabase(databaseUrl);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}
