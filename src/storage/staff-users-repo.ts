import crypto from 'node:crypto';
import type { Sql } from './database';

export type StaffRole = 'agent' | 'supervisor' | 'admin';
export const STAFF_ROLES: readonly StaffRole[] = ['agent', 'supervisor', 'admin'];

/** A staff account as the console sees it (never the password hash). */
export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  departments: string[];
  disabled_at: Date | null;
  created_at: Date;
}

const COLUMNS = 'id, email, name, role, departments, disabled_at, created_at';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export async function insertStaffUser(sql: Sql, u: { email: string; name: string; role: StaffRole; departments: string[] }): Promise<StaffUser> {
  const { rows } = await sql.query<StaffUser>(
    `INSERT INTO staff_users (email, name, role, departments) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
    [u.email.toLowerCase(), u.name, u.role, u.departments],
  );
  return rows[0];
}

export async function getStaffUser(sql: Sql, id: number): Promise<StaffUser | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const { rows } = await sql.query<StaffUser>(`SELECT ${COLUMNS} FROM staff_users WHERE id = $1`, [id]);
  return rows[0];
}

export async function findStaffUserByEmail(sql: Sql, email: string): Promise<(StaffUser & { password_hash: string | null }) | undefined> {
  const { rows } = await sql.query<StaffUser & { password_hash: string | null }>(
    `SELECT ${COLUMNS}, password_hash FROM staff_users WHERE email = $1`,
    [email.trim().toLowerCase()],
  );
  return rows[0];
}

export async function listStaffUsers(sql: Sql): Promise<StaffUser[]> {
  const { rows } = await sql.query<StaffUser>(`SELECT ${COLUMNS} FROM staff_users ORDER BY disabled_at IS NOT NULL, name, id`);
  return rows;
}

/** Role, departments or the disabled mark; only the given keys change. */
export async function updateStaffUser(
  sql: Sql,
  id: number,
  u: { role?: StaffRole; departments?: string[]; disabled?: boolean; password_hash?: string | null },
): Promise<StaffUser | undefined> {
  const { rows } = await sql.query<StaffUser>(
    `UPDATE staff_users SET role = COALESCE($2, role), departments = COALESCE($3, departments),
       disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at WHEN $4 THEN COALESCE(disabled_at, now()) ELSE NULL END,
       password_hash = CASE WHEN $5::boolean THEN $6 ELSE password_hash END, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, u.role ?? null, u.departments ?? null, u.disabled ?? null, u.password_hash !== undefined, u.password_hash ?? null],
  );
  return rows[0];
}

/** A one-time sign-in link's secret (valid for `hours`); only its hash is stored. */
export async function createSignInLink(sql: Sql, userId: number, hours: number): Promise<string> {
  const secret = crypto.randomBytes(24).toString('base64url');
  await sql.query(`INSERT INTO staff_sign_in_links (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`, [
    sha256(secret),
    userId,
    hours,
  ]);
  return secret;
}

/** The enabled account an unused, unexpired link is for; `consume` marks it used (one use only). */
export async function findSignInLink(sql: Sql, secret: string, consume: boolean): Promise<StaffUser | undefined> {
  const { rows } = await sql.query<{ user_id: number }>(
    consume
      ? `UPDATE staff_sign_in_links SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`
      : `SELECT user_id FROM staff_sign_in_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()`,
    [sha256(secret)],
  );
  if (!rows[0]) return undefined;
  const user = await getStaffUser(sql, Number(rows[0].user_id));
  return user && !user.disabled_at ? user : undefined;
}
