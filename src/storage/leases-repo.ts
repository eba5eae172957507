import type { Sql } from './database';

/**
 * Takes or renews the lease `name` for `holder` for `ttlMs`. True when `holder` has it now: it was free, expired,
 * or already this holder's. One statement, so two processes asking at once cannot both win.
 */
export async function holdLease(sql: Sql, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const { rows } = await sql.query<{ holder: string }>(
    `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000))
     ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE leases.holder = EXCLUDED.holder OR leases.expires_at < now()
     RETURNING holder`,
    [name, holder, ttlMs],
  );
  return rows.length === 1;
}

/** Gives the lease up (a clean stop), so another process takes over at once instead of after the TTL. */
export async function releaseLease(sql: Sql, name: string, holder: string): Promise<void> {
  await sql.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
}
