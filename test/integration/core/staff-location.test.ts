import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../src/http/app';
import { getCase } from '../../../src/storage/cases-repo';
import { listEvents } from '../../../src/storage/events-repo';
import { createToken } from '../../../src/storage/tokens-repo';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

// Staff correct where a case is: by a point (its address is looked up) or by an address (geocoded).
describe('staff API: correcting a case location', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let ctx: TestContext;
  let app: Express;
  let staff: string;
  let n = 0;

  const newCase = async (address: string) =>
    (
      await ctx.intake.submit({
        channel: 'sms',
        providerMessageId: `SM-loc-${++n}`,
        reporter: { address: '+15550000009' },
        text: 'pothole',
        address,
        media: [],
        raw: {},
      })
    ).case.service_request_id;
  const put = (id: number | string, body: unknown, token = staff) =>
    request(app)
      .put(`/api/v1/cases/${id}/location`)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);

  beforeAll(async () => {
    db = await freshPgDatabase();
    ctx = await testContext(db, { channels: [] });
    app = createApp(ctx, []);
    staff = await createToken(db, 'alice', 'staff');
  });
  afterAll(async () => {
    await ctx.queue.close();
    await db.close();
  });

  it('moves the point to an address, re-geocoded, with the change in the history', async () => {
    const id = await newCase('12 Elm St');
    expect(await getCase(db, id)).toMatchObject({ neighborhood: 'Charlestown', location_source: 'geocoded' });
    const res = await put(id, { address: '12 Elm St, Dorchester' }).expect(200);
    expect(res.body).toMatchObject({
      address: '12 Elm St, Dorchester 02122',
      neighborhood: 'Dorchester',
      location_source: 'staff',
      location_kind: 'address',
    });
    expect(res.body.lat).toBeCloseTo(42.3006, 3);
    const event = (await listEvents(db, id)).find((e) => e.type === 'location_corrected');
    expect(event).toMatchObject({ actor: 'staff:alice', public: false });
    expect(event!.data).toMatchObject({ from: { address: '12 Elm St, Charlestown 02129' }, to: { address: '12 Elm St, Dorchester 02122' } });
  });

  it('moves the point to a pin, with the address there', async () => {
    const id = await newCase('300 Newbury St');
    const res = await put(id, { lat: 42.3426, lon: -71.0794 }).expect(200);
    expect(res.body).toMatchObject({ lat: 42.3426, lon: -71.0794, location_source: 'staff', location_kind: 'point', neighborhood: 'South End' });
    expect(res.body.address).toMatch(/^\d/);
  });

  it('refuses a bad correction with 400 naming the field, changing nothing', async () => {
    const id = await newCase('500 Columbus Ave');
    const before = await getCase(db, id);
    expect((await put(id, { lat: 48.8584, lon: 2.2945 }).expect(400)).body.error.message).toMatch(/lat and lon.*outside the city/);
    expect((await put(id, { lat: 42.35 }).expect(400)).body.error.message).toMatch(/lat and lon must be given together/);
    expect((await put(id, { address: 'my house' }).expect(400)).body.error.message).toMatch(/^address: no place found/);
    expect((await put(id, { lat: 'north' }).expect(400)).body.error.message).toMatch(/lat/);
    expect((await put(id, { address: '1 Elm St', lat: 42.3, lon: -71.1 }).expect(400)).body.error.message).toMatch(/not both/);
    expect(await getCase(db, id)).toEqual(before);
    expect((await put(999999999, { address: '1 Elm St, Jamaica Plain' })).status).toBe(404);
    expect((await put('abc', { address: '1 Elm St' })).status).toBe(400);
    expect((await request(app).put(`/api/v1/cases/${id}/location`).send({ address: '1 Elm St' })).status).toBe(401);
  });
});
