import { Pool, types, type PoolClient } from 'pg';
import { answers, type Database, type Sql } from './database';

// Ids are bigint in SQL but well inside the safe integer range; counts too. Parse them as numbers.
types.setTypeParser(20, (v) => Number(v));

/** An Sql over a pool (each query on any free connection) or over one checked-out client (a transaction). */
function sqlOver(target: Pool | PoolClient): Sql {
  return {
    async query(text, params) {
      const res = await target.query(text, params as unknown[]);
      return { rows: res.rows, rowCount: res.rowCount ?? 0 };
    },
  };
}

/** PostgreSQL through a `pg` pool. `schema`, when given, is the search_path (tests isolate themselves with it). */
export function createPgDatabase(url: string, schema?: string, maxConnections = 10): Database {
  const pool = new Pool({
    connectionString: url,
    max: maxConnections,
    options: schema ? `-c search_path=${schema}` : undefined,
  });
  // An idle client losing its connection must not crash the process; the next query gets a new one.
  pool.on('error', () => undefined);
  const poolSql = sqlOver(pool);

  return {
    kind: 'postgres',
    query: poolSql.query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(sqlOver(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(script) {
      await pool.query(script);
    },
    ping: () => answers(poolSql),
    close: () => pool.end(),
  };
}
