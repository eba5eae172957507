import crypto from 'node:crypto';
import { Client } from 'pg';
import type { Database } from '../../src/storage/database';
import { migrate } from '../../src/storage/migrate';
import { createPgDatabase } from '../../src/storage/pg-database';
import { createPgliteDatabase } from '../../src/storage/pglite-database';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A migrated database in a schema of its own on the real PostgreSQL server, so test files running at
 * the same time never see each other's rows. Closing it drops the schema.
 */
export async function freshPgDatabase(): Promise<Database & { schema: string }> {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
  const db = createPgDatabase(TEST_DATABASE_URL, { schema, poolSize: 20 });
  await migrate(db);
  return {
    ...db,
    schema,
    close: async () => {
      await db.close();
      await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}

/** The connection string and schema for a process (a spawned `serve`) to use the same test schema. */
export function pgEnv(db: { schema: string }): Record<string, string> {
  return { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: db.schema };
}

/** A migrated in-memory PGlite database. */
export async function freshPgliteDatabase(): Promise<Database> {
  const db = await createPgliteDatabase();
  await migrate(db);
  return db;
}
