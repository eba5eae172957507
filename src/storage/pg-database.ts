import { Pool, type PoolClient, types } from 'pg';
import { DatabaseUnavailableError } from '../errors';
import { answers, type Database, type Sql } from './database';

// Ids are bigint in SQL but well inside the safe integer range; counts too. Parse them as numbers.
types.setTypeParser(20, (v) => Number(v));

/** Pool and timeout settings for a PostgreSQL server (DATABASE_* settings in src/config.ts). */
export interface PgOptions {
  /** search_path for every connection (tests isolate themselves with it). */
  schema?: string;
  /** Most connections open at once. Default 10. */
  poolSize?: number;
  /** Longest wait for a new connection, or for a free one when the pool is full. Default 5000 ms. */
  connectTimeoutMs?: number;
  /**
   * Longest a statement may run. The server cancels it (statement_timeout), and the client gives up one
   * second later in case the server itself does not answer (a frozen network). Default 5000 ms; 0: no limit
   * (migrations, whose index builds may rightly take minutes).
   */
  statementTimeoutMs?: number;
  /** The server ends a session left idle inside a transaction this long, rolling it back. Default 10000 ms. */
  idleInTransactionTimeoutMs?: number;
  /**
   * max_parallel_workers_per_gather for every session. Default 0: the service's statements return pages, and the
   * planner's parallel plans for them spent more starting workers than they saved (issue 24).
   */
  parallelWorkers?: number;
  /**
   * random_page_cost for every session. Default: the server's own (PostgreSQL ships 4, a spinning disk's figure).
   * The service's configuration passes DATABASE_RANDOM_PAGE_COST (1.1, for SSDs and stores held in memory).
   */
  randomPageCost?: number;
}

/** Errors that mean the server is unreachable or too slow, rather than a problem with the statement. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '57014',
  '25P03',
  '53300',
]);
const UNAVAILABLE_MESSAGES =
  /Query read timeout|timeout exceeded when trying to connect|Connection terminated|connection timeout|Client has encountered a connection error/i;

function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.code && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  return typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message);
}

/** Rethrows a connection-level failure as DatabaseUnavailableError, anything else as it was. */
function translate(err: unknown): never {
  if (err instanceof DatabaseUnavailableError || !isUnavailable(err)) throw err;
  throw new DatabaseUnavailableError(`database: ${(err as Error).message}; check that PostgreSQL at DATABASE_URL is up`, { cause: err });
}

/** An Sql over a pool (each query on any free connection) or over one checked-out client (a transaction). */
function sqlOver(target: Pool | PoolClient): Sql {
  return {
    async query(text, params) {
      const res = await target.query(text, params as unknown[]).catch(translate);
      return { rows: res.rows, rowCount: res.rowCount ?? 0 };
    },
  };
}

/** PostgreSQL through a `pg` pool, every wait bounded so an outage answers errors in seconds instead of hanging. */
export function createPgDatabase(url: string, options: PgOptions = {}): Database {
  const statementTimeoutMs = options.statementTimeoutMs ?? 5000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  const pool = new Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs > 0 ? statementTimeoutMs + 1000 : undefined,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 10000,
    // A dead peer behind a NAT or a frozen link is noticed by TCP too, not only by the timers above.
    keepAlive: true,
    options: [
      options.schema ? `-c search_path=${options.schema}` : '',
      `-c max_parallel_workers_per_gather=${options.parallelWorkers ?? 0}`,
      options.randomPageCost === undefined ? '' : `-c random_page_cost=${options.randomPageCost}`,
    ]
      .filter(Boolean)
      .join(' '),
  });
  // An idle client losing its connection must not crash the process; the next query gets a new one.
  pool.on('error', () => undefined);
  const poolSql = sqlOver(pool);

  return {
    kind: 'postgres',
    query: poolSql.query,
    async transaction(fn) {
      const client = await pool.connect().catch(translate);
      let broken: Error | undefined;
      // A checked-out client whose connection drops emits 'error'; unheard, that would crash the process.
      // The query in flight fails by itself, so the event only marks the client as not to be reused.
      const lost = (err: Error) => (broken = err);
      client.on('error', lost);
      try {
        await sqlOver(client).query('BEGIN');
        const result = await fn(sqlOver(client));
        await sqlOver(client).query('COMMIT');
        return result;
      } catch (err) {
        // A connection that timed out or dropped is not asked to roll back (it would only time out again):
        // it is destroyed, and the server rolls the transaction back when the session ends.
        if (err instanceof DatabaseUnavailableError) broken = err;
        else await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw err;
      } finally {
        client.off('error', lost);
        client.release(broken);
      }
    },
    async exec(script) {
      await pool.query(script).catch(translate);
    },
    ping: () => answers(poolSql),
    close: () => pool.end(),
  };
}
