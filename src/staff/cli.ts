import { loadConfig } from '../config';
import { insertAudit } from '../storage/audit-repo';
import type { Database } from '../storage/database';
import { migrate } from '../storage/migrate';
import { openDatabase } from '../storage/open-database';
import { findStaffUserByEmail, listStaffUsers } from '../storage/staff-users-repo';
import { listTokens, revokeToken } from '../storage/tokens-repo';
import { createUser, setDisabled, signInUrl } from './accounts';

type Out = (line: string) => void;

/** The operator at the command line, as the audit log names them. */
const OPERATOR = { label: 'cli' };

const USER_USAGE = `usage: intake311 user create --email E --name N --role agent|supervisor|admin [--department D]...
       intake311 user list
       intake311 user disable --email E`;
const TOKEN_USAGE = `usage: intake311 token list
       intake311 token revoke --id ID`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function flags(args: string[], name: string): string[] {
  return args.flatMap((a, i) => (a === name && args[i + 1] !== undefined ? [args[i + 1]] : []));
}

async function withDatabase(fn: (db: Database, publicBaseUrl: string) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    await migrate(db);
    return await fn(db, config.publicBaseUrl);
  } finally {
    await db.close();
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

/** `intake311 user ...`: staff accounts. A new account gets a one-time sign-in link, printed once. */
export async function userCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const input = { email: flag(rest, '--email'), name: flag(rest, '--name'), role: flag(rest, '--role'), departments: flags(rest, '--department') };
    if (!input.email || !input.name || !input.role) return fail(`user create: --email, --name and --role are required\n${USER_USAGE}`);
    return withDatabase(async (db, base) => {
      try {
        const { user, secret } = await createUser(db, input, OPERATOR);
        out(signInUrl(base, secret));
        process.stderr.write(`user ${user.email} (${user.role}) created; the sign-in link above works once, for 72 hours.\n`);
        return 0;
      } catch (err) {
        return fail(`user create: ${(err as Error).message}`);
      }
    });
  }
  if (sub === 'list') {
    return withDatabase(async (db) => {
      for (const u of await listStaffUsers(db)) {
        out([u.id, u.email, u.name, u.role, u.departments.join(';') || '-', u.disabled_at ? 'disabled' : 'active'].join('\t'));
      }
      return 0;
    });
  }
  if (sub === 'disable') {
    const email = flag(rest, '--email');
    if (!email) return fail(`user disable: --email is required\n${USER_USAGE}`);
    return withDatabase(async (db) => {
      const user = await findStaffUserByEmail(db, email);
      if (!user) return fail(`user disable: no account with email ${email}`);
      await setDisabled(db, user.id, true, OPERATOR);
      out(`disabled ${user.email}; their sessions have ended`);
      return 0;
    });
  }
  return fail(USER_USAGE);
}

/** `intake311 token list|revoke`: API tokens (never their secrets). */
export async function tokenAdminCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    return withDatabase(async (db) => {
      for (const t of await listTokens(db))
        out([t.id, t.name, t.scope, new Date(t.created_at).toISOString(), t.revoked_at ? 'revoked' : 'active'].join('\t'));
      return 0;
    });
  }
  if (sub === 'revoke') {
    const id = flag(rest, '--id');
    if (!id || !/^\d{1,12}$/.test(id)) return fail(`token revoke: --id must be a token id from "token list"\n${TOKEN_USAGE}`);
    return withDatabase(async (db) => {
      const revoked = await db.transaction(async (tx) => {
        const r = await revokeToken(tx, Number(id));
        if (r)
          await insertAudit(tx, { actor: OPERATOR.label, action: 'token.revoke', target: `token:${id}`, before: { name: r.name, scope: r.scope } });
        return r;
      });
      if (!revoked) return fail(`token revoke: no active token ${id}`);
      out(`revoked token ${id} (${revoked.name})`);
      return 0;
    });
  }
  return fail(TOKEN_USAGE);
}
