import { loadConfig } from '../../../src/config';
import { openDatabase } from '../../../src/storage/open-database';
import { freshPgDatabase, TEST_DATABASE_URL } from '../../support/db';

// Every session the service opens on PostgreSQL runs its statements without parallel workers unless the operator
// asks for them: for the service's page-sized reads, starting workers cost more than they saved (issue 24).
describe('PostgreSQL sessions', () => {
  const show = async (db: Awaited<ReturnType<typeof openDatabase>>) => {
    const { rows } = await db.query<{ workers: string; path: string }>('SELECT current_setting($1) AS workers, current_setting($2) AS path', [
      'max_parallel_workers_per_gather',
      'search_path',
    ]);
    return rows[0];
  };

  it('run without parallel workers by default, in the configured schema', async () => {
    const fresh = await freshPgDatabase();
    const db = await openDatabase(loadConfig({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: fresh.schema }));
    try {
      expect(await show(db)).toEqual({ workers: '0', path: fresh.schema });
    } finally {
      await db.close();
      await fresh.close();
    }
  });

  it('take DATABASE_PARALLEL_WORKERS when set, and refuse a value that is not a count', async () => {
    const fresh = await freshPgDatabase();
    const db = await openDatabase(loadConfig({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: fresh.schema, DATABASE_PARALLEL_WORKERS: '2' }));
    try {
      expect((await show(db)).workers).toBe('2');
    } finally {
      await db.close();
      await fresh.close();
    }
    expect(() => loadConfig({ DATABASE_PARALLEL_WORKERS: 'some' })).toThrow(/DATABASE_PARALLEL_WORKERS/);
  });
});
