import request from 'supertest';
import { wholeApp } from './whole-app';

const INTERNAL = 'http://169.254.169.254/latest/meta-data/iam/security-credentials/';

describe('media URLs into private networks are refused, and never shown even when stored', () => {
  let t: Awaited<ReturnType<typeof wholeApp>>;
  beforeAll(async () => {
    t = await wholeApp();
  });
  afterAll(() => t.close());

  const post = (mediaUrl: string) =>
    request(t.app)
      .post('/open311/v2/requests.json')
      .send({ api_key: t.open311Key, service_code: 'pothole', address_string: '8 Elm St', media_url: mediaUrl });

  it.each([
    [INTERNAL, 'media_url must point to a public host (169.254.169.254 is linkLocal)'],
    ['http://[::ffff:127.0.0.1]/a.jpg', 'media_url must point to a public host (127.0.0.1 is loopback)'],
    ['http://2130706433/a.jpg', 'media_url must point to a public host (127.0.0.1 is loopback)'],
    ['http://0x0a.1/a.jpg', 'media_url must point to a public host (10.0.0.1 is private)'],
    ['http://cdn.localhost/a.jpg', 'media_url must point to a public host, not localhost'],
    ['http://intranet/a.jpg', 'media_url must point to a public host with a full domain name, not "intranet"'],
  ])('Open311 POST with media_url %s is a 400 naming the field, and files nothing', async (url, description) => {
    const before = await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    const res = await post(url).expect(400);
    expect(res.body).toEqual([{ code: 400, description }]);
    const after = await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('staff cannot set a private closure photo URL', async () => {
    const res = await post('https://photos.example.org/hole.jpg').expect(200);
    const id = res.body[0].service_request_id as number;
    const patch = await request(t.app)
      .patch(`/api/v1/cases/${id}`)
      .set('Authorization', `Bearer ${t.staffToken}`)
      .send({ closure_media_url: 'http://10.1.2.3/after.jpg' })
      .expect(400);
    expect(patch.body.error.message).toBe('closure_media_url: must point to a public host (10.1.2.3 is private)');
  });

  it('a private URL stored before the check existed appears on no public page, feed or Open311 answer', async () => {
    const res = await post('https://photos.example.org/hole.jpg').expect(200);
    const id = res.body[0].service_request_id as number;
    await t.ctx.db.query(`UPDATE cases SET media = $2::jsonb, closure_media_url = $3 WHERE service_request_id = $1`, [
      id,
      JSON.stringify([{ url: INTERNAL }]),
      'http://192.168.0.10/after.jpg',
    ]);
    const documents = await Promise.all([
      request(t.app).get(`/cases/${id}`),
      request(t.app).get('/feed.atom'),
      request(t.app).get(`/open311/v2/requests/${id}.json`),
      request(t.app).get(`/open311/v2/requests/${id}.xml`),
      request(t.app).get('/open311/v2/requests.xml'),
      request(t.app).get('/'),
    ]);
    for (const doc of documents) {
      expect(doc.status).toBe(200);
      expect(doc.text).not.toContain('169.254.169.254');
      expect(doc.text).not.toContain('192.168.0.10');
    }
    const json = documents[2].body[0];
    expect(json.media_url).toBeNull();
  });
});
