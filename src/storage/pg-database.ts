import { Pool, types } from 'pg';
import type { Database, QueryResult, Sql } from './database';

// Ids are bigint in SQL but well inside the safe integer range; counts too. Parse them as numbers.
types.setTypeParser(20, (v) => Number(v));

/** PostgreSQL through a `pg` pool. `schema`, when given, is the search_path (tests isolate themselves with it). */
export function createPgDatabase(url: string, schema?: string, maxConnections = 10): Database {
  const pool = new Pool({
    connectionString: url,
    max: maxConnections,
    options: schema ? `-c search_path=${schema}` : undefined,
  });
  // An idle client losing its connection must not crash the process; the next query gets a new one.
  pool.on('error', () => undefined);

  const run = async <T>(sql: Sql | Pool, text: string, params?: unknown[]): Promise<QueryResult<T>> => {
    const res = await (sql as Pool).query(text, params as unknown[]);
    return { rows: res.rows as T[], rowCount: res.rowCount ?? 0 };
  };

  return {
    kind: 'postgres',
    query: (text, params) => run(pool, text, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Sql = {
          query: async (text, params) => {
            const res = await client.query(text, params as unknown[]);
            return { rows: res.rows, rowCount: res.rowCount ?? 0 };
          },
        };
        const result = await fn(tx);
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
    async ping() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}
