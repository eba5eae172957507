import { migrate } from '../../../src/storage/migrate';
import { freshPgDatabase, freshPgliteDatabase } from '../../support/db';

describe('migrations', () => {
  it('apply on PostgreSQL, and a second run (even concurrent) changes nothing', async () => {
    const db = await freshPgDatabase();
    try {
      await db.query("INSERT INTO cases (service_code, channel) VALUES ('pothole', 'sms')");
      const again = await Promise.all([migrate(db), migrate(db)]);
      expect(again).toEqual([[], []]);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
      expect(rows[0].n).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('produce the same tables on PGlite as on PostgreSQL', async () => {
    const pg = await freshPgDatabase();
    const lite = await freshPgliteDatabase();
    try {
      const sql = `SELECT table_name || '.' || column_name || ':' || data_type AS col FROM information_schema.columns
                   WHERE table_schema = current_schema() ORDER BY 1`;
      const a = (await pg.query<{ col: string }>(sql)).rows.map((r) => r.col);
      const b = (await lite.query<{ col: string }>(sql)).rows.map((r) => r.col);
      expect(a.length).toBeGreaterThan(50);
      expect(b).toEqual(a);
      expect(await migrate(lite)).toEqual([]);
    } finally {
      await pg.close();
      await lite.close();
    }
  });
});
