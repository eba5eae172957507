import { runCli } from '../support/cli';
import { freshPgDatabase, pgEnv } from '../support/db';

/** The operator's commands for staff accounts and API tokens, run as the built CLI. */
describe('intake311 user and token commands', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await freshPgDatabase();
    env = { ...pgEnv(db), PUBLIC_BASE_URL: 'https://311.example.gov' };
  });
  afterAll(() => db.close());

  it('user create prints a one-time sign-in link; list shows the account; disable ends its sessions', async () => {
    const made = await runCli(
      ['user', 'create', '--email', 'Sam@City.gov', '--name', 'Sam Rivera', '--role', 'supervisor', '--department', 'Public Works'],
      env,
    );
    expect(made.code).toBe(0);
    expect(made.stdout.trim()).toMatch(/^https:\/\/311\.example\.gov\/staff\/welcome\?token=[\w-]{32}$/);
    const list = await runCli(['user', 'list'], env);
    expect(list.stdout).toMatch(/sam@city\.gov\tSam Rivera\tsupervisor\tPublic Works\tactive/);
    const { rows } = await db.query<{ id: number }>(`SELECT id FROM staff_users WHERE email = 'sam@city.gov'`);
    await db.query(`INSERT INTO staff_sessions (id_hash, user_id, csrf_token, expires_at) VALUES ('h', $1, 'c', now() + interval '1 hour')`, [
      rows[0].id,
    ]);
    const off = await runCli(['user', 'disable', '--email', 'sam@city.gov'], env);
    expect(off.code).toBe(0);
    expect((await runCli(['user', 'list'], env)).stdout).toMatch(/sam@city\.gov.*\tdisabled/);
    expect((await db.query('SELECT 1 FROM staff_sessions')).rowCount).toBe(0);
    const audit = await db.query<{ actor: string; action: string }>('SELECT actor, action FROM staff_audit_log ORDER BY id');
    expect(audit.rows).toEqual([
      { actor: 'cli', action: 'user.create' },
      { actor: 'cli', action: 'user.disable' },
    ]);
  });

  it('refuses bad input with a message naming the field, and creates nothing', async () => {
    const bad = await runCli(['user', 'create', '--email', 'nope', '--name', 'X', '--role', 'agent'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/email/);
    const role = await runCli(['user', 'create', '--email', 'x@city.gov', '--name', 'X', '--role', 'boss'], env);
    expect(role.stderr).toMatch(/role: must be agent, supervisor or admin/);
    const twice = await runCli(['user', 'create', '--email', 'SAM@city.gov', '--name', 'Sam', '--role', 'agent'], env);
    expect(twice.stderr).toMatch(/already exists/);
    expect((await db.query(`SELECT 1 FROM staff_users WHERE email <> 'sam@city.gov'`)).rowCount).toBe(0);
  });

  it('token list shows names and scopes but never secrets; token revoke stops a token', async () => {
    const made = await runCli(['token', 'create', '--name', 'dispatch', '--scope', 'staff'], env);
    const secret = made.stdout.trim();
    const list = await runCli(['token', 'list'], env);
    expect(list.stdout).toMatch(/^\d+\tdispatch\tstaff\t\S+\tactive$/m);
    expect(list.stdout).not.toContain(secret);
    const id = list.stdout.split('\t')[0];
    expect((await runCli(['token', 'revoke', '--id', id], env)).code).toBe(0);
    expect((await runCli(['token', 'list'], env)).stdout).toMatch(/dispatch\tstaff\t\S+\trevoked/);
    const again = await runCli(['token', 'revoke', '--id', id], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/no active token/);
  });
});
