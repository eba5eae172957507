import request from 'supertest';
import { startHousekeeping } from '../../../src/housekeeping';
import { getCase } from '../../../src/storage/cases-repo';
import { type StaffClient, type StaffHarness, startStaffHarness } from '../staff/staff-harness';

// Public text is masked once, when it is written (migration 020), and public reads copy the stored copy. These check
// what a resident would see if a stored copy went stale: someone's contact details, or words staff took down.
describe('public text masked at write time', () => {
  let h: StaffHarness;
  let agent: StaffClient;
  beforeAll(async () => {
    h = await startStaffHarness();
    agent = await h.signIn(await h.account('agent'));
  });
  afterAll(() => h.stop());

  const open311 = async (id: number) => (await request(h.app).get(`/open311/v2/requests/${id}.json`)).body[0] as { description: string };
  const page = async (id: number) => (await request(h.app).get(`/cases/${id}`)).text;
  const stored = async (id: number) =>
    (await h.db.query<{ masked_description: string | null }>('SELECT masked_description FROM cases WHERE service_request_id = $1', [id])).rows[0]
      .masked_description;

  it('a report is stored with its mask, and every public output shows it masked', async () => {
    const id = await h.smsCase('streetlight out at 12 birch st, text me on 617 555 0123');
    expect(await stored(id)).toBe('streetlight out at 12 birch st, text me on […]');
    expect((await open311(id)).description).toBe('streetlight out at 12 birch st, text me on […]');
    expect(await page(id)).not.toContain('555 0123');
    expect((await request(h.app).get('/open311/v2/requests.json')).text).not.toContain('555 0123');
  });

  it('a description staff rewrite is masked afresh, and restoring it brings back the original, masked', async () => {
    const id = await h.smsCase('graffiti on the bridge at 3 ash st');
    const redact = (fields: Record<string, string>) =>
      agent.agent
        .post(`/staff/cases/${id}/redact`)
        .type('form')
        .send({ _csrf: agent.csrf, ...fields });
    expect((await redact({ public_description: 'Graffiti on the bridge; the caller asks for jo@example.org' })).status).toBe(303);
    expect((await open311(id)).description).toBe('Graffiti on the bridge; the caller asks for […]');
    expect(await page(id)).toContain('Graffiti on the bridge; the caller asks for […]');
    expect(await stored(id)).toBe('Graffiti on the bridge; the caller asks for […]');
    expect((await redact({ restore: '1', public_description: '' })).status).toBe(303);
    expect((await open311(id)).description).toBe('graffiti on the bridge at 3 ash st');
  });

  it('an edit made outside the app (by hand, in SQL) is never shown through the old mask', async () => {
    const id = await h.smsCase('broken bench in the park by 9 elm st');
    await h.db.query("UPDATE cases SET description = 'broken bench, call Sam at 617-555-0188' WHERE service_request_id = $1", [id]);
    expect(await stored(id)).toBeNull();
    expect((await open311(id)).description).toBe('broken bench, call Sam at […]');
    expect(await page(id)).not.toContain('broken bench in the park');
  });

  it('a mask made by older masking rules is not served', async () => {
    const id = await h.smsCase('needle in the playground, my number 617 555 0177');
    await h.db.query("UPDATE cases SET masked_description = 'needle, my number 617 555 0177', mask_version = 0 WHERE service_request_id = $1", [id]);
    expect((await open311(id)).description).toBe('needle in the playground, my number […]');
    // The list reads the raw text only for such rows: this one is masked afresh there too.
    const listed = (await request(h.app).get('/open311/v2/requests.json')).body as { service_request_id: string; description: string }[];
    expect(listed.find((r) => r.service_request_id === String(id))?.description).toBe('needle in the playground, my number […]');
  });

  it('housekeeping masks and stores cases that have no mask, without touching their updated time', async () => {
    const ids = [await h.smsCase('pothole at 5 pine st, email me pat@example.com'), await h.smsCase('dead rat on 8 maple st')];
    await h.db.query('UPDATE cases SET masked_description = NULL, masked_address = NULL, mask_version = NULL WHERE service_request_id = ANY($1)', [
      ids,
    ]);
    const before = await getCase(h.db, ids[0]);
    const { stop, sweep } = startHousekeeping(h.ctx, 60_000);
    await sweep();
    await stop();
    expect(await stored(ids[0])).toBe('pothole at 5 pine st, email me […]');
    expect(await stored(ids[1])).toBe('dead rat on 8 maple st');
    expect((await getCase(h.db, ids[0]))!.updated_at).toEqual(before!.updated_at);
    const { rows } = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE mask_version IS NULL');
    expect(rows[0].n).toBe(0);
  });
});
