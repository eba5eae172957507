import crypto from 'node:crypto';
import type { Sql } from './database';
import type { StaffUser } from './staff-users-repo';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** A signed-in person: their account and the session's CSRF token. */
export interface StaffSession {
  user: StaffUser;
  csrf: string;
}

/** Starts a session; returns the cookie's secret (only its hash is stored). */
export async function createSession(sql: Sql, userId: number, hours: number): Promise<string> {
  const secret = crypto.randomBytes(32).toString('base64url');
  await sql.query(`INSERT INTO staff_sessions (id_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4))`, [
    sha256(secret),
    userId,
    crypto.randomBytes(24).toString('base64url'),
    hours,
  ]);
  return secret;
}

/**
 * The live session for a cookie secret. The account is read in the same statement, so a disabled account's
 * sessions stop working at once, with no cache to expire.
 */
export async function findSession(sql: Sql, secret: string): Promise<StaffSession | undefined> {
  const { rows } = await sql.query<StaffUser & { csrf_token: string }>(
    `UPDATE staff_sessions s SET last_seen_at = now() FROM staff_users u
     WHERE s.id_hash = $1 AND s.expires_at > now() AND u.id = s.user_id AND u.disabled_at IS NULL
     RETURNING u.id, u.email, u.name, u.role, u.departments, u.disabled_at, u.created_at, s.csrf_token`,
    [sha256(secret)],
  );
  if (!rows[0]) return undefined;
  const { csrf_token, ...user } = rows[0];
  return { user: { ...user, id: Number(user.id) }, csrf: csrf_token };
}

export async function deleteSession(sql: Sql, secret: string): Promise<void> {
  await sql.query('DELETE FROM staff_sessions WHERE id_hash = $1', [sha256(secret)]);
}

/** Ends every session of an account (disabled, or its password was reset). */
export async function deleteSessionsOf(sql: Sql, userId: number): Promise<number> {
  const { rowCount } = await sql.query('DELETE FROM staff_sessions WHERE user_id = $1', [userId]);
  return rowCount;
}
