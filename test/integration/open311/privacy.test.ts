import request from 'supertest';
import { open311App } from './support';

// An address field is the resident's own words too: a phone number or email typed there must never be published.
describe('contact details typed into a report stay out of every public output', () => {
  let t: Awaited<ReturnType<typeof open311App>>;
  let id: number;
  beforeAll(async () => {
    t = await open311App();
    const res = await request(t.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({
        api_key: t.apiKey,
        service_code: 'pothole',
        lat: '42.3400',
        long: '-71.0800',
        address_string: '12 Elm St, call 617\u2011555\u20110123',
        description: 'Deep pothole; write me at jane at example dot com or six one seven five five five zero one nine nine',
      })
      .expect(200);
    id = res.body[0].service_request_id;
  });
  afterAll(() => t.close());

  const secrets = ['0123', '0199', 'jane', 'example dot com', 'six one seven'];

  it.each([
    ['Open311 JSON list', '/open311/v2/requests.json'],
    ['Open311 JSON case', () => `/open311/v2/requests/${id}.json`],
    ['Open311 XML list', '/open311/v2/requests.xml'],
    ['Open311 XML case', () => `/open311/v2/requests/${id}.xml`],
    ['public case page', () => `/cases/${id}`],
    ['public home page', '/'],
    ['Atom feed', '/feed.atom'],
  ])('%s', async (_name, path) => {
    const res = await request(t.app)
      .get(typeof path === 'function' ? path() : path)
      .expect(200);
    expect(res.text).toContain('12 Elm St');
    expect(res.text).toContain('Deep pothole');
    for (const s of secrets) expect(res.text).not.toContain(s);
  });

  it('keeps a report private when the app sends the private extension field', async () => {
    const post = (extra: Record<string, string>) =>
      request(t.app)
        .post('/open311/v2/requests.json')
        .type('form')
        .send({ api_key: t.apiKey, service_code: 'graffiti', address_string: '700 Boylston St', description: 'tag on my own door', ...extra });
    expect((await post({ private: 'maybe' })).body).toEqual([{ code: 400, description: 'private must be true or false' }]);
    const res = await post({ private: 'true' }).expect(200);
    const hidden = res.body[0].service_request_id;
    await request(t.app).get(`/open311/v2/requests/${hidden}.json`).expect(404);
    const list = await request(t.app).get('/open311/v2/requests.json').expect(200);
    expect(list.body.map((r: { service_request_id: unknown }) => String(r.service_request_id))).not.toContain(String(hidden));
  });
});
