import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';
import { answers, type Database, type QueryResult, type Sql } from './database';

const INT8 = 20;

/**
 * Embedded PostgreSQL (PGlite) in `dataDir`, or in memory when `dataDir` is undefined.
 * PGlite runs one statement at a time; its own transaction() holds the connection, so concurrent
 * callers simply wait, which keeps intake's guarantees without a server.
 */
export async function createPgliteDatabase(
  dataDir?: string,
  options: { loadDataDir?: Blob } = {},
): Promise<Database & { dumpDataDir(): Promise<Blob> }> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let db: PGlite;
  try {
    // `loadDataDir`: start from a dump (dumpDataDir) instead of creating the cluster, which is most of a first start.
    db = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir, parsers: { [INT8]: (v: string) => Number(v) } });
  } catch (err) {
    unlock();
    throw err;
  }

  const wrap = (target: { query: PGlite['query'] }): Sql => ({
    async query<T>(text: string, params?: unknown[]): Promise<QueryResult<T>> {
      const res = await target.query<T>(text, params as unknown[]);
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
    },
  });
  const direct = wrap(db);

  return {
    kind: 'pglite',
    query: direct.query,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async exec(script) {
      await db.exec(script);
    },
    ping: () => answers(direct),
    dumpDataDir: () => db.dumpDataDir('none'),
    close: async () => {
      await db.close();
      unlock();
    },
  };
}
