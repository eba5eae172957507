import request from 'supertest';
import { getCase } from '../../../src/storage/cases-repo';
import { open311App } from './support';

// Every posted request gets a point and an address, and a place outside the city is refused with no case.
describe('Open311 POST: where the request is', () => {
  let t: Awaited<ReturnType<typeof open311App>>;
  beforeAll(async () => {
    t = await open311App();
  });
  afterAll(() => t.close());

  const post = (body: Record<string, unknown>) =>
    request(t.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ api_key: t.apiKey, ...body });
  const cases = async () => (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0].n;
  const filed = async (res: request.Response) => (await getCase(t.ctx.db, Number(res.body[0].service_request_id)))!;

  it('geocodes address_string to a point, the normalised address and its neighborhood', async () => {
    const c = await filed(await post({ service_code: 'pothole', address_string: '300 newbury street', description: 'deep hole' }).expect(200));
    expect(c).toMatchObject({
      address: '300 Newbury St, Back Bay 02115',
      location_kind: 'address',
      location_source: 'geocoded',
      neighborhood: 'Back Bay',
    });
    expect(c.lat).toBeCloseTo(42.3487, 3);
    expect(c.lon).toBeCloseTo(-71.0849, 3);
    expect(c.details.address_text).toBe('300 newbury street');
  });

  it('geocodes address_id when no address_string is given', async () => {
    const c = await filed(await post({ service_code: 'graffiti', address_id: '30 Bennington St' }).expect(200));
    expect(c).toMatchObject({ address: '30 Bennington St, East Boston 02128', neighborhood: 'East Boston' });
  });

  it('gives a lat/long the nearest address', async () => {
    const c = await filed(await post({ service_code: 'streetlight', lat: '42.3554', long: '-71.0640' }).expect(200));
    expect(c).toMatchObject({ lat: 42.3554, lon: -71.064, location_source: 'gps', location_kind: 'point', neighborhood: expect.any(String) });
    expect(c.address).toMatch(/^\d+.* (St|Ave|Pl|Row|Sq|Plz|Way)\b/);
  });

  it('refuses a lat/long outside the city with 400 naming the fields, and files nothing', async () => {
    const before = await cases();
    const res = await post({ service_code: 'pothole', lat: '48.8584', long: '2.2945', description: 'pothole by the tower' }).expect(400);
    expect(res.body).toEqual([{ code: 400, description: expect.stringMatching(/^lat and long: .*outside the city/) }]);
    // Cambridge, across the river: close, but not ours.
    await post({ service_code: 'pothole', lat: '42.3736', long: '-71.1097' }).expect(400);
    expect(await cases()).toBe(before);
  });

  it('links two requests naming the same address in other words', async () => {
    const first = await post({ service_code: 'pothole', address_string: '200 Dudley St', description: 'a' }).expect(200);
    const second = await post({ service_code: 'pothole', address_string: '200 dudley street, Roxbury', description: 'b' }).expect(200);
    expect((await filed(second)).service_request_id).toBe(Number(first.body[0].service_request_id));
  });
});
