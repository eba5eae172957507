import { loadCatalog } from '../../../src/catalog/catalog';
import { queryQueue } from '../../../src/staff/queue-query';
import type { Database } from '../../../src/storage/database';
import { freshPgDatabase, freshPgliteDatabase } from '../../support/db';

/** The console's SQL (full-text search, business-day due dates) on both engines the service runs on. */
describe.each([
  ['PGlite', freshPgliteDatabase],
  ['PostgreSQL', freshPgDatabase],
])('staff queue SQL on %s', (_name, open) => {
  let db: Database;
  const catalog = loadCatalog();
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  const insert = async (code: string, description: string, createdAt: string) => {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO cases (service_code, description, channel, created_at) VALUES ($1, $2, 'sms', $3) RETURNING service_request_id AS id`,
      [code, description, createdAt],
    );
    return Number(rows[0].id);
  };

  it('counts business days: Friday noon + 2 is Tuesday noon', async () => {
    const { rows } = await db.query<{ due: Date }>(`SELECT add_business_days('2026-01-02T12:00:00Z'::timestamptz, 2) AS due`);
    expect(new Date(rows[0].due).toISOString()).toBe('2026-01-06T12:00:00.000Z');
  });

  it('finds words in descriptions and in staff notes, English and Spanish alike; marks overdue cases', async () => {
    const old = await insert('pothole', 'Hay un bache enorme en la calle Oak', '2020-01-06T12:00:00Z');
    const fresh = await insert('streetlight', 'The lamp by the school is dark', new Date().toISOString());
    await db.query(
      `INSERT INTO case_events (case_id, type, actor, data, public) VALUES ($1, 'note', 'staff:x', '{"text":"crew reports flickering wiring"}', false)`,
      [fresh],
    );
    const ids = async (q: string) => (await queryQueue(db, catalog, { q }, 1)).map((r) => Number(r.service_request_id));
    expect(await ids('bache')).toEqual([old]);
    expect(await ids('wiring')).toEqual([fresh]);
    expect(await ids('school lamp')).toEqual([fresh]);
    expect(await ids('"lamp school"')).toEqual([]);
    expect(await ids('nothing-like-this')).toEqual([]);
    const overdue = await queryQueue(db, catalog, { overdue: '1' }, 1);
    expect(overdue.map((r) => Number(r.service_request_id))).toEqual([old]);
    expect(overdue[0].overdue).toBe(true);
  });
});
