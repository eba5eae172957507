import crypto from 'node:crypto';
import type { Sql } from './database';

export type TokenScope = 'staff' | 'open311';

export interface ApiToken {
  id: number;
  name: string;
  scope: TokenScope;
}

function hash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Creates a token and returns its secret text; only its SHA-256 is stored, so it is shown once. */
export async function createToken(sql: Sql, name: string, scope: TokenScope): Promise<string> {
  const token = `i311_${scope}_${crypto.randomBytes(24).toString('base64url')}`;
  await sql.query('INSERT INTO api_tokens (name, scope, token_hash) VALUES ($1, $2, $3)', [name, scope, hash(token)]);
  return token;
}

/** The token's identity, or undefined when unknown or revoked. Looked up by hash, so no timing leak on the secret. */
export async function findToken(sql: Sql, token: string): Promise<ApiToken | undefined> {
  const { rows } = await sql.query<ApiToken>('SELECT id, name, scope FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL', [hash(token)]);
  return rows[0];
}

/** A token as operators see it: never its secret or hash. */
export interface ApiTokenInfo extends ApiToken {
  created_at: Date;
  revoked_at: Date | null;
}

export async function listTokens(sql: Sql): Promise<ApiTokenInfo[]> {
  const { rows } = await sql.query<ApiTokenInfo>(
    'SELECT id, name, scope, created_at, revoked_at FROM api_tokens ORDER BY revoked_at IS NOT NULL, id',
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Revokes a token at once (the next request with it is refused); undefined when unknown or already revoked. */
export async function revokeToken(sql: Sql, id: number): Promise<ApiTokenInfo | undefined> {
  const { rows } = await sql.query<ApiTokenInfo>(
    'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id, name, scope, created_at, revoked_at',
    [id],
  );
  return rows[0];
}
