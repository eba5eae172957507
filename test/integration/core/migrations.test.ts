import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, migrationsDir } from '../../../src/storage/migrate';
import { createPgliteDatabase } from '../../../src/storage/pglite-database';
import { freshPgDatabase, freshPgliteDatabase } from '../../support/db';

describe('migrations', () => {
  it('apply on PostgreSQL, and a second run (even concurrent) changes nothing', async () => {
    const db = await freshPgDatabase();
    try {
      await db.query("INSERT INTO cases (service_code, channel) VALUES ('pothole', 'sms')");
      const again = await Promise.all([migrate(db), migrate(db)]);
      expect(again).toEqual([[], []]);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
      expect(rows[0].n).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('produce the same tables on PGlite as on PostgreSQL', async () => {
    const pg = await freshPgDatabase();
    // Migrated here from an empty cluster, not loaded from the tests' shared dump (test/support/db.ts).
    const lite = await createPgliteDatabase();
    await migrate(lite);
    try {
      const sql = `SELECT table_name || '.' || column_name || ':' || data_type AS col FROM information_schema.columns
                   WHERE table_schema = current_schema() ORDER BY 1`;
      const a = (await pg.query<{ col: string }>(sql)).rows.map((r) => r.col);
      const b = (await lite.query<{ col: string }>(sql)).rows.map((r) => r.col);
      expect(a.length).toBeGreaterThan(50);
      expect(b).toEqual(a);
      expect(await migrate(lite)).toEqual([]);
    } finally {
      await pg.close();
      await lite.close();
    }
  });

  it('re-apply a changed function file, so a database that already migrated gets the new definition', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-migrations-'));
    fs.cpSync(migrationsDir(), dir, { recursive: true });
    const probe = path.join(dir, 'repeatable', 'zz-probe.sql');
    const define = (version: string) =>
      fs.writeFileSync(probe, `CREATE OR REPLACE FUNCTION migration_probe() RETURNS text LANGUAGE sql AS $$ SELECT '${version}'::text $$;`);
    const db = await freshPgDatabase();
    try {
      define('v1');
      await migrate(db, dir);
      expect((await db.query<{ v: string }>('SELECT migration_probe() AS v')).rows[0].v).toBe('v1');
      // An upgrade that edits a function: no new numbered migration, and still the deployed database changes.
      define('v2');
      expect(await migrate(db, dir)).toEqual([]);
      expect((await db.query<{ v: string }>('SELECT migration_probe() AS v')).rows[0].v).toBe('v2');
      // A database deployed before the functions moved: its old intake_submit is dropped, inbound_apply appears.
      await db.query('DROP FUNCTION inbound_apply(text, text, jsonb, text, text, bigint, jsonb)');
      await db.query("CREATE FUNCTION intake_submit(text, text, jsonb, jsonb) RETURNS jsonb LANGUAGE sql AS $$ SELECT '{}'::jsonb $$");
      await migrate(db);
      const fns = await db.query<{ proname: string }>(
        "SELECT proname FROM pg_proc WHERE pronamespace = current_schema()::regnamespace AND proname IN ('inbound_apply', 'intake_submit')",
      );
      expect(fns.rows.map((r) => r.proname)).toEqual(['inbound_apply']);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skip function files that are byte-identical to the last applied, and re-apply them after a numbered migration or --reapply', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-migrations-'));
    fs.cpSync(migrationsDir(), dir, { recursive: true });
    const probe = path.join(dir, 'repeatable', 'zz-probe.sql');
    fs.writeFileSync(probe, "CREATE OR REPLACE FUNCTION migration_probe() RETURNS text LANGUAGE sql AS $$ SELECT 'v1'::text $$;");
    const probed = async () =>
      (
        await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_proc WHERE pronamespace = current_schema()::regnamespace AND proname = 'migration_probe'",
        )
      ).rows[0].n;
    const db = await freshPgliteDatabase();
    try {
      await migrate(db, dir);
      expect(await probed()).toBe(1);
      // Dropped by hand: an unchanged file is not run again, which is what shows the skip...
      await db.query('DROP FUNCTION migration_probe()');
      expect(await migrate(db, dir)).toEqual([]);
      expect(await probed()).toBe(0);
      // ...until asked to (intake311 migrate --reapply),
      await migrate(db, dir, { reapply: true });
      expect(await probed()).toBe(1);
      // or until a numbered migration runs, which may have dropped what a function uses.
      await db.query('DROP FUNCTION migration_probe()');
      fs.writeFileSync(path.join(dir, '999_probe.sql'), 'CREATE TABLE migration_probe_table (id int);');
      expect(await migrate(db, dir)).toEqual(['999_probe.sql']);
      expect(await probed()).toBe(1);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
