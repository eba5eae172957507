import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findToken } from '../../../src/storage/tokens-repo';
import { exited, freePort, runCli, startCli } from '../../support/cli';
import { freshPgDatabase, pgEnv } from '../../support/db';

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-cli-'));

describe('the intake311 command line (built CLI, as an operator runs it)', () => {
  it('`serve` with embedded defaults starts from an empty DATA_DIR, prints its URL and answers health checks', async () => {
    const port = await freePort();
    const dataDir = path.join(tmpDir(), 'data');
    const { child, stdout } = await startCli(['serve'], { PORT: String(port), DATA_DIR: dataDir }, 'intake311 is running at', 60000);
    try {
      expect(stdout()).toContain(`http://localhost:${port}/`);
      expect(stdout()).toContain('embedded PostgreSQL (PGlite), in-process queue');
      for (const route of ['/healthz', '/readyz', '/metrics']) {
        expect((await fetch(`http://127.0.0.1:${port}${route}`)).status).toBe(200);
      }
      expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
      // A second process on the same embedded database would silently fork it; it is refused instead.
      const second = await runCli(['token', 'create', '--name', 'x', '--scope', 'staff'], { DATA_DIR: dataDir });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`in use by another intake311 process (pid ${child.pid})`);
      expect(second.stderr).not.toContain('    at ');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'pglite.pid'))).toBe(false);
  }, 90000);

  it('`serve` refuses to start on bad configuration and names the variable', async () => {
    const out = await runCli(['serve'], { DATA_DIR: tmpDir(), TWILIO_ACCOUNT_SID: 'AC123' });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER are missing');
    expect(out.stderr).not.toContain('at ');
  });

  describe('on PostgreSQL', () => {
    let db: Awaited<ReturnType<typeof freshPgDatabase>>;
    beforeAll(async () => {
      db = await freshPgDatabase();
    });
    afterAll(() => db.close());

    it('`migrate` reports an up-to-date database', async () => {
      const out = await runCli(['migrate'], { ...pgEnv(db), DATA_DIR: tmpDir() });
      expect(out).toMatchObject({ code: 0, stdout: 'database is up to date\n' });
    });

    it('`token create` prints a working token once and stores only its hash', async () => {
      const out = await runCli(['token', 'create', '--name', 'night-shift', '--scope', 'staff'], { ...pgEnv(db), DATA_DIR: tmpDir() });
      expect(out.code).toBe(0);
      const token = out.stdout.trim();
      expect(token).toMatch(/^i311_staff_[A-Za-z0-9_-]{20,}$/);
      expect(await findToken(db, token)).toMatchObject({ name: 'night-shift', scope: 'staff' });
      const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it('`token create` with a bad scope says what is allowed and creates nothing', async () => {
      const out = await runCli(['token', 'create', '--name', 'x', '--scope', 'admin'], { ...pgEnv(db), DATA_DIR: tmpDir() });
      expect(out.code).toBe(2);
      expect(out.stderr).toContain('--scope must be staff or open311');
      const { rows } = await db.query("SELECT 1 FROM api_tokens WHERE name = 'x'");
      expect(rows).toHaveLength(0);
    });
  });
});
