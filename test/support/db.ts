import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

let templateKeyMemo: string | undefined;
/** What the migrated dump below depends on: the migrations and PGlite's version (read once per test file). */
function templateKey(): string {
  if (templateKeyMemo) return templateKeyMemo;
  const hash = crypto.createHash('sha256');
  const dir = path.resolve(__dirname, '../../migrations');
  const files = [
    ...fs.readdirSync(dir).map((f) => path.join(dir, f)),
    ...fs.readdirSync(path.join(dir, 'repeatable')).map((f) => path.join(dir, 'repeatable', f)),
  ];
  for (const f of files.filter((f) => f.endsWith('.sql')).sort()) hash.update(f).update(fs.readFileSync(f));
  hash.update(fs.readFileSync(path.resolve(__dirname, '../../node_modules/@electric-sql/pglite/package.json')));
  templateKeyMemo = hash.digest('hex').slice(0, 16);
  return templateKeyMemo;
}

/**
 * A migrated PGlite database, dumped once per set of migrations into the temp directory and shared by every test
 * file. Creating a PGlite cluster (initdb in WebAssembly) took 5 s alone and 30-40 s beside another test file, for
 * each database; loading the dump takes under a second. Written under a temporary name and renamed, so a test file
 * running at the same time reads a whole dump or none.
 */
async function migratedDump(): Promise<Blob> {
  const file = path.join(os.tmpdir(), `intake311-pglite-${templateKey()}.tar`);
  if (!fs.existsSync(file)) {
    const db = await createPgliteDatabase();
    try {
      await migrate(db);
      const partial = `${file}.${process.pid}.partial`;
      fs.writeFileSync(partial, Buffer.from(await (await db.dumpDataDir()).arrayBuffer()));
      fs.renameSync(partial, file);
    } finally {
      await db.close();
    }
  }
  return new Blob([fs.readFileSync(file)]);
}

/** A migrated in-memory PGlite database (from the shared dump: migrate finds nothing to apply). */
export async function freshPgliteDatabase(): Promise<Database> {
  const db = await createPgliteDatabase(undefined, { loadDataDir: await migratedDump() });
  await migrate(db);
  return db;
}

/**
 * A migrated embedded database in `dataDir` (DATA_DIR/pglite, closed), as a first `serve` leaves it, from the same
 * dump: for tests about what happens next, not about a first start.
 */
export async function migratedPgliteDir(dataDir: string): Promise<void> {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const db = await createPgliteDatabase(dataDir, { loadDataDir: await migratedDump() });
  await db.close();
}
