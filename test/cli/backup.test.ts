import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPgliteDatabase } from '../../src/storage/pglite-database';
import { runCli } from '../support/cli';
import { migratedPgliteDir } from '../support/db';

// intake311 backup / restore on the embedded database, run as the built CLI the way an operator would.
describe('intake311 backup --out FILE and restore --from FILE (embedded DATA_DIR)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-backup-'));
  const dataDir = path.join(root, 'data');
  const file = path.join(root, 'intake311.tar.gz');
  const env = { DATA_DIR: dataDir };

  async function descriptions(): Promise<string[]> {
    const db = await createPgliteDatabase(path.join(dataDir, 'pglite'));
    try {
      return (await db.query<{ description: string }>('SELECT description FROM cases ORDER BY service_request_id')).rows.map((r) => r.description);
    } finally {
      await db.close();
    }
  }

  beforeAll(async () => {
    await migratedPgliteDir(path.join(dataDir, 'pglite'));
    const db = await createPgliteDatabase(path.join(dataDir, 'pglite'));
    await db.query(
      "INSERT INTO cases (service_code, channel, description) VALUES ('pothole', 'sms', 'deep hole by the school'), ('graffiti', 'web', 'tags on the bridge')",
    );
    await db.close();
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('backs up, the folder is wiped, restore brings the cases back and new ones continue the numbering', async () => {
    const backup = await runCli(['backup', '--out', file], env);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/2 cases/);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    fs.rmSync(dataDir, { recursive: true, force: true });
    const restore = await runCli(['restore', '--from', file], env);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/restored 2 cases/);
    expect(await descriptions()).toEqual(['deep hole by the school', 'tags on the bridge']);

    const db = await createPgliteDatabase(path.join(dataDir, 'pglite'));
    try {
      const { rows } = await db.query<{ id: number }>(
        "INSERT INTO cases (service_code, channel, description) VALUES ('pothole', 'voice', 'after the restore') RETURNING service_request_id AS id",
      );
      expect(rows[0].id).toBeGreaterThan(2);
    } finally {
      await db.close();
    }
  });

  it('never overwrites a database: refuses without --replace, keeps the old one aside with it, and a bad file changes nothing', async () => {
    const before = await descriptions();
    const refused = await runCli(['restore', '--from', file], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds a database; add --replace/);
    expect(await descriptions()).toEqual(before);

    const junk = path.join(root, 'not-a-backup.tar.gz');
    fs.writeFileSync(junk, 'this is not a tarball');
    const bad = await runCli(['restore', '--from', junk, '--replace'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a backup/);
    expect(await descriptions()).toEqual(before);

    const replaced = await runCli(['restore', '--from', file, '--replace'], env);
    expect(replaced.code).toBe(0);
    const aside = /kept in (\S+)/.exec(replaced.stdout)?.[1];
    expect(aside && fs.existsSync(path.join(aside, 'PG_VERSION'))).toBe(true);
    // The backup predates the third case; the folder kept aside still has it.
    expect(await descriptions()).toEqual(['deep hole by the school', 'tags on the bridge']);
  });

  it('points to pg_dump when DATABASE_URL is set, and needs --out or --from', async () => {
    const server = await runCli(['backup', '--out', file], { ...env, DATABASE_URL: 'postgres://127.0.0.1:5432/test' });
    expect(server.code).toBe(2);
    expect(server.stderr).toMatch(/pg_dump/);
    const usage = await runCli(['restore'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: intake311 backup --out FILE/);
  });
});
