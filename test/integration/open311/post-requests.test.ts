import request from 'supertest';
import { listNotificationsForCase } from '../../../src/storage/notifications-repo';
import { listSubscriptions } from '../../../src/storage/subscriptions-repo';
import { createToken } from '../../../src/storage/tokens-repo';
import { open311App } from './support';

describe('Open311 POST requests', () => {
  let t: Awaited<ReturnType<typeof open311App>>;
  beforeAll(async () => {
    t = await open311App();
  });
  afterAll(() => t.close());

  const post = (body: Record<string, unknown>, format = 'json') =>
    request(t.app)
      .post(`/open311/v2/requests.${format}`)
      .type('form')
      .send({ api_key: t.apiKey, ...body });

  it('files a form-encoded report as a case and answers with the spec fields', async () => {
    const res = await post({
      service_code: 'pothole',
      lat: '42.3400',
      long: '-71.0800',
      address_string: '12 Elm St',
      description: 'Deep pothole in the bike lane',
      'attribute[size]': 'large',
      email: 'ana@example.org',
      first_name: 'Ana',
      last_name: 'Diaz',
      device_id: 'dev-1',
      account_id: 'acct-7',
      media_url: 'https://example.org/p.jpg',
    }).expect(200);
    expect(res.body).toHaveLength(1);
    const [r] = res.body;
    // A realtime service answers with the id, not a token too: the spec's answer has one or the other.
    expect(Object.keys(r)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(r.service_request_id).toMatch(/^\d+$/);
    expect(r.account_id).toBe('acct-7');
    expect(r.service_notice).toContain(`#${r.service_request_id}`);
    const c = await t.ctx.db.query<{ service_code: string; reporter: Record<string, string>; attributes: Record<string, string>; channel: string }>(
      'SELECT * FROM cases WHERE service_request_id = $1',
      [r.service_request_id],
    );
    expect(c.rows[0]).toMatchObject({ service_code: 'pothole', channel: 'open311', attributes: { size: 'large' } });
    expect(c.rows[0].reporter).toMatchObject({ email: 'ana@example.org', name: 'Ana Diaz' });

    // The public view of it carries none of the reporter's details or the API key.
    const view = await request(t.app).get(`/open311/v2/requests/${r.service_request_id}.json`).expect(200);
    const text = JSON.stringify(view.body);
    for (const secret of ['ana@example.org', 'Ana', 'Diaz', 'dev-1', 'acct-7', t.apiKey]) expect(text).not.toContain(secret);
    expect(view.body[0]).toMatchObject({
      service_code: 'pothole',
      status: 'open',
      address: '12 Elm St',
      lat: 42.34,
      long: -71.08,
      // Only our processed copy is ever published (test/integration/media), never the URL the app gave.
      media_url: null,
    });
  });

  it('takes a JSON body too, and answers in XML when asked', async () => {
    const res = await request(t.app)
      .post('/open311/v2/requests.xml')
      .send({ api_key: t.apiKey, service_code: 'graffiti', address_string: '1 City Hall Sq', attribute: { offensive: 'no' } })
      .expect(200);
    expect(res.type).toBe('text/xml');
    expect(res.text).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests>\n {2}<request>\n {4}<service_request_id>\d+<\/service_request_id>/,
    );
    expect(res.text).toContain('<account_id/>');
  });

  it.each([
    [{}, 403, 'api_key is missing'],
    [{ api_key: 'i311_open311_nope' }, 403, 'not a valid Open311 key'],
  ])('refuses a request without a valid api_key (%o) with 403', async (body, status, message) => {
    const res = await request(t.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ service_code: 'pothole', address_string: 'x', ...body })
      .expect(status);
    expect(res.body).toEqual([{ code: status, description: expect.stringContaining(message) }]);
  });

  it('refuses a staff token: only open311 keys may post', async () => {
    const staff = await createToken(t.ctx.db, 'staff', 'staff');
    await request(t.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ api_key: staff, service_code: 'pothole', address_string: 'x' })
      .expect(403);
  });

  it.each([
    ['service_code is required', { address_string: '1 Main St' }],
    ['a location is required', { service_code: 'pothole' }],
    ['lat and long must be given together', { service_code: 'pothole', lat: '42.3' }],
    ['lat "420"', { service_code: 'pothole', lat: '420', long: '-71' }],
    ['attribute[size] "huge" is not one of its values (small, large)', { service_code: 'pothole', address_string: 'x', 'attribute[size]': 'huge' }],
    ['attribute[a b]: attribute codes are', { service_code: 'pothole', address_string: 'x', 'attribute[a b]': 'red' }],
    ['description is 4001 characters; the limit is 4000', { service_code: 'pothole', address_string: 'x', description: 'a'.repeat(4001) }],
    ['media_url must be an http(s) URL', { service_code: 'pothole', address_string: 'x', media_url: 'javascript:alert(1)' }],
    ['media_url must be an http(s) URL', { service_code: 'pothole', address_string: 'x', media_url: ['https://example.org/a.jpg', 'ftp://x/b.jpg'] }],
  ])('answers 400 naming what is wrong: %s', async (message, body) => {
    const before = await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    const res = await post(body).expect(400);
    expect(res.body).toEqual([{ code: 400, description: expect.stringContaining(message) }]);
    const xml = await post(body, 'xml').expect(400);
    expect(xml.text).toContain(`<errors>\n  <error>\n    <code>400</code>\n    <description>`);
    const after = await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('answers a retried POST with the same request instead of a second case', async () => {
    const body = { service_code: 'tree', address_string: '5 Oak St', description: 'branch down', device_id: 'dev-2' };
    const [a, b] = await Promise.all([post(body).expect(200), post(body).expect(200)]);
    expect(a.body[0].service_request_id).toBe(b.body[0].service_request_id);
    const again = await post(body, 'xml').expect(200);
    expect(again.text).toMatch(/<service_request_id>\d+<\/service_request_id>\s*<service_notice>.*<\/service_notice>\s*<account_id\/>\s*<\/request>/);
    expect(again.text).toContain(`<service_request_id>${a.body[0].service_request_id}</service_request_id>`);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const { rows } = await t.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE service_code = 'tree'");
    expect(rows[0].n).toBe(1);
  });

  it('uses an Idempotency-Key header when the client sends one', async () => {
    const send = (key: string, description: string) =>
      request(t.app)
        .post('/open311/v2/requests.json')
        .set('Idempotency-Key', key)
        .type('form')
        .send({ api_key: t.apiKey, service_code: 'noise', address_string: '9 Loud Ave', description });
    const first = await send('k-1', 'party music');
    const retry = await send('k-1', 'party music (edited on retry)');
    const other = await send('k-2', 'party music');
    expect(retry.body[0].service_request_id).toBe(first.body[0].service_request_id);
    expect(other.body[0].service_request_id).not.toBe(first.body[0].service_request_id);
  });

  it('links a second nearby report to the open case, subscribes its phone, and texts it on closure', async () => {
    const first = await post({ service_code: 'streetlight', lat: '42.3500', long: '-71.0600', description: 'light out' }).expect(200);
    const id = Number(first.body[0].service_request_id);
    const second = await post({
      service_code: 'streetlight',
      lat: '42.35015',
      long: '-71.06010',
      description: 'lamp dark',
      phone: '(617) 555-0142',
    }).expect(200);
    expect(second.body[0].service_request_id).toBe(String(id));
    expect(second.body[0].service_notice).toBe(`This was already reported as #${id}. We'll text you when it's fixed.`);
    const subs = await listSubscriptions(t.ctx.db, id);
    expect(subs.map((s) => [s.channel, s.address, s.role])).toEqual([['sms', '+16175550142', 'follower']]);
    const { rows } = await t.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE service_code = 'streetlight'");
    expect(rows[0].n).toBe(1);

    await t.ctx.cases.update(id, { status: 'closed', status_notes: 'Bulb replaced' }, 'staff:test');
    const notes = await listNotificationsForCase(t.ctx.db, id);
    expect(notes.filter((n) => n.kind === 'case_closed').map((n) => [n.channel, n.recipient, n.params.status_notes])).toEqual([
      ['sms', '+16175550142', 'Bulb replaced'],
    ]);
    // The app's answer carried the tracking number: nothing is texted on opening or linking.
    expect(notes.filter((n) => n.channel === 'sms' && n.kind !== 'case_closed')).toEqual([]);
  });

  it('subscribes the phone of a new report as its reporter and answers in Spanish for a Spanish report', async () => {
    const res = await post({
      service_code: 'dead-animal',
      address_string: 'Calle 5',
      description: 'hay un animal muerto en la calle',
      phone: '+1 617 555 0199',
    }).expect(200);
    const id = res.body[0].service_request_id;
    expect(res.body[0].service_notice).toBe(`Gracias. Su número de seguimiento es #${id}. Le enviaremos un mensaje de texto cuando se resuelva.`);
    const subs = await listSubscriptions(t.ctx.db, id);
    expect(subs.map((s) => [s.channel, s.address, s.role, s.language])).toEqual([['sms', '+16175550199', 'reporter', 'es']]);
  });

  it('answers in the report’s own language: Vietnamese, with its updates texted in Vietnamese', async () => {
    const res = await post({
      service_code: 'streetlight',
      address_string: '12 Elm St',
      description: 'đèn đường trước nhà tôi bị hư',
      phone: '+1 617 555 0198',
    }).expect(200);
    const id = res.body[0].service_request_id;
    expect(res.body[0].service_notice).toBe(`Cảm ơn. Số theo dõi của bạn là #${id}. Chúng tôi sẽ nhắn tin khi đã sửa xong.`);
    expect((await listSubscriptions(t.ctx.db, id)).map((s) => s.language)).toEqual(['vi']);
  });
});
