import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { open311Channel } from '../../../channels/open311';
import { BUNDLED_CATALOG_PATH } from '../../../src/catalog/catalog';
import { createApp } from '../../../src/http/app';
import { listSubscriptions } from '../../../src/storage/subscriptions-repo';
import { testContext } from '../../support/context';
import { phonePhoto } from '../../support/images';
import { open311App } from './support';

// The smallest JPEG header a phone's photo starts with, then filler: enough for the type check.
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);

/** What seven independent Open311 tools tripped over (issue 17), each as a client would see it. */
describe('Open311 with the clients in the wild', () => {
  let t: Awaited<ReturnType<typeof open311App>>;
  beforeAll(async () => {
    t = await open311App({ OPEN311_JURISDICTION_ID: 'boston.gov' });
  });
  afterAll(() => t.close());

  const post = (body: Record<string, unknown>) =>
    request(t.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ api_key: t.apiKey, ...body });
  const caseRow = async (id: string) =>
    (
      await t.ctx.db.query<{
        reporter: Record<string, string>;
        attributes: Record<string, unknown>;
        media: { url: string }[];
        details: Record<string, unknown>;
      }>('SELECT reporter, attributes, media, details FROM cases WHERE service_request_id = $1', [Number(id)])
    ).rows[0];

  describe('CORS', () => {
    it('answers a browser preflight and lets any origin read GET and POST answers', async () => {
      const pre = await request(t.app)
        .options('/open311/v2/requests.json')
        .set('Origin', 'https://app.example.org')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type, idempotency-key')
        .expect(204);
      expect(pre.headers['access-control-allow-origin']).toBe('*');
      expect(pre.headers['access-control-allow-methods']).toContain('POST');
      expect(pre.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/i);
      const get = await request(t.app).get('/open311/v2/services.json').set('Origin', 'https://app.example.org').expect(200);
      expect(get.headers['access-control-allow-origin']).toBe('*');
      const created = await post({ service_code: 'pothole', address_string: '1 CORS St' }).set('Origin', 'https://app.example.org').expect(200);
      expect(created.headers['access-control-allow-origin']).toBe('*');
      expect(created.headers['access-control-expose-headers']).toContain('Idempotent-Replayed');
    });

    it('with OPEN311_CORS_ORIGINS, only the listed origins get the headers', async () => {
      const only = await open311App({ OPEN311_CORS_ORIGINS: 'https://app.example.org, https://other.example.org/' });
      try {
        const ok = await request(only.app).get('/open311/v2/services.json').set('Origin', 'https://other.example.org').expect(200);
        expect(ok.headers['access-control-allow-origin']).toBe('https://other.example.org');
        expect(ok.headers.vary).toMatch(/Origin/);
        const no = await request(only.app).options('/open311/v2/services.json').set('Origin', 'https://evil.example').expect(204);
        expect(no.headers['access-control-allow-origin']).toBeUndefined();
      } finally {
        await only.close();
      }
    });
  });

  // Each at a place of its own: reports of one service at one address would be linked as duplicates.
  it.each([
    ['111111111', undefined, '300 Newbury St'],
    ['07700 900123', undefined, '500 Columbus Ave'],
    ['555-0123', undefined, '30 Bennington St'],
    ['617-555-0123 ext. 45', undefined, '200 Dudley St'],
    ['(617) 555-0123', '+16175550123', '1 Elm St, Jamaica Plain'],
  ])('takes the report with phone %s, keeping it for staff; only an SMS-reachable one follows the case', async (phone, sms, address) => {
    const res = await post({ service_code: 'tree', address_string: address, phone }).expect(200);
    const id = res.body[0].service_request_id;
    expect((await caseRow(id)).reporter.phone).toBe(sms ?? phone);
    const subs = await listSubscriptions(t.ctx.db, Number(id));
    expect(subs.map((s) => s.address)).toEqual(sms ? [sms] : []);
  });

  it('keeps attributes the service does not define (FixMyStreet adds attribute[uprn]) and still checks the defined ones', async () => {
    const res = await post({
      service_code: 'pothole',
      address_string: '5 Elm St',
      'attribute[uprn]': '100023336956',
      'attribute[size]': 'small',
    }).expect(200);
    expect((await caseRow(res.body[0].service_request_id)).attributes).toEqual({ uprn: '100023336956', size: 'small' });
    await post({ service_code: 'pothole', address_string: '5 Elm St', 'attribute[uprn]': '1', 'attribute[size]': 'huge' }).expect(400);
  });

  it('emits service_request_id as a JSON string everywhere', async () => {
    const res = await post({ service_code: 'noise', address_string: '6 Elm St' }).expect(200);
    const id = res.body[0].service_request_id;
    expect(typeof id).toBe('string');
    const one = await request(t.app).get(`/open311/v2/requests/${id}.json`).expect(200);
    expect(one.body[0].service_request_id).toBe(id);
  });

  it('takes a multipart POST with the photo as a media file, keeping the image under DATA_DIR', async () => {
    const res = await request(t.app)
      .post('/open311/v2/requests.json')
      .field('api_key', t.apiKey)
      .field('service_code', 'graffiti')
      .field('address_string', '7 Elm St')
      .field('attribute[offensive]', 'no')
      .attach('media', JPEG, { filename: 'photo.jpg', contentType: 'image/jpeg' })
      .expect(200);
    const upload = (await caseRow(res.body[0].service_request_id)).details.open311_upload as { file: string; content_type: string; bytes: number };
    expect(upload).toMatchObject({ content_type: 'image/jpeg', bytes: JPEG.length });
    expect(fs.readFileSync(path.join(t.ctx.dataDir, upload.file)).equals(JPEG)).toBe(true);
  });

  it('refuses a multipart file that is not an image, and stores no file for a wrong api_key', async () => {
    const bad = await request(t.app)
      .post('/open311/v2/requests.json')
      .field('api_key', t.apiKey)
      .field('service_code', 'graffiti')
      .field('address_string', '8 Elm St')
      .attach('media', Buffer.from('#!/bin/sh\necho hi\n'), { filename: 'photo.jpg', contentType: 'image/jpeg' })
      .expect(400);
    expect(bad.body).toEqual([{ code: 400, description: 'media must be a JPEG, PNG, GIF or WebP image' }]);
    // An iPhone's HEIC photo is named as such: the service cannot read it, and would otherwise drop it after filing.
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64)]);
    const cases = async () => (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0].n;
    const casesBefore = await cases();
    const refused = await request(t.app)
      .post('/open311/v2/requests.json')
      .field('api_key', t.apiKey)
      .field('service_code', 'graffiti')
      .field('address_string', '8 Elm St')
      .attach('media', heic, { filename: 'IMG_0001.HEIC', contentType: 'image/heic' })
      .expect(400);
    expect(refused.body[0].description).toBe('media is a HEIC image, which this service cannot read; send it as JPEG, PNG, GIF or WebP');
    expect(await cases()).toBe(casesBefore);
    const before = fs.existsSync(path.join(t.ctx.dataDir, 'open311-media')) ? fs.readdirSync(path.join(t.ctx.dataDir, 'open311-media')).length : 0;
    const other = Buffer.concat([JPEG, Buffer.from('other')]);
    await request(t.app)
      .post('/open311/v2/requests.json')
      .field('api_key', 'wrong')
      .field('service_code', 'graffiti')
      .field('address_string', 'x')
      .attach('media', other, 'p.jpg')
      .expect(403);
    const after = fs.existsSync(path.join(t.ctx.dataDir, 'open311-media')) ? fs.readdirSync(path.join(t.ctx.dataDir, 'open311-media')).length : 0;
    expect(after).toBe(before);
  });

  it('takes a repeated media_url, keeping each photo', async () => {
    const res = await post({
      service_code: 'pothole',
      address_string: '9 Elm St',
      media_url: ['https://example.org/a.jpg', 'https://example.org/b.jpg'],
    }).expect(200);
    expect((await caseRow(res.body[0].service_request_id)).media.map((m) => m.url)).toEqual([
      'https://example.org/a.jpg',
      'https://example.org/b.jpg',
    ]);
  });

  it('answers an unknown service_code on POST with 404, as the spec says', async () => {
    const res = await post({ service_code: 'unicorns', address_string: '1 Main St' }).expect(404);
    expect(res.body).toEqual([{ code: 404, description: expect.stringContaining('service_code "unicorns" is not in the catalog') }]);
  });

  it('takes repeated status= and service_code= as lists', async () => {
    const res = await request(t.app).get('/open311/v2/requests.json?status=open&status=closed&service_code=pothole&service_code=noise').expect(200);
    const codes = new Set(res.body.map((r: { service_code: string }) => r.service_code));
    expect([...codes].sort()).toEqual(['noise', 'pothole']);
  });

  it('serves the extended fields with extensions=true, and only then', async () => {
    const first = await post({ service_code: 'parks', address_string: 'Common', media_url: 'https://example.org/c.jpg' }).expect(200);
    const id = Number(first.body[0].service_request_id);
    const photo = await t.ctx.media.uploadClosurePhoto(id, await phonePhoto({ width: 640, height: 480 }), t.ctx.config.publicBaseUrl);
    await t.ctx.cases.update(id, { status: 'closed', status_notes: 'Mowed', closure_media_url: photo.url }, 'staff:test');
    const plain = await request(t.app).get(`/open311/v2/requests/${id}.json`).expect(200);
    expect(plain.body[0].extended_attributes).toBeUndefined();
    const ext = await request(t.app).get(`/open311/v2/requests/${id}.json?extensions=true`).expect(200);
    expect(ext.body[0].extended_attributes).toMatchObject({
      status_detail: 'closed',
      duplicate_of: null,
      // Our processed copies only: the closure photo (processed on upload); the app's media_url not until fetched.
      closure_media_url: photo.url,
      media_urls: [],
      closed_datetime: expect.stringMatching(/Z$/),
    });
    expect(ext.body[0].extended_attributes.updates.at(-1)).toMatchObject({ service_request_id: String(id), status: 'closed', description: 'Mowed' });
    const list = await request(t.app).get('/open311/v2/requests.xml?extensions=true').expect(200);
    expect(list.text).toContain('<extended_attributes>');
    expect(list.text).toContain(`<closure_media_url>${photo.url}</closure_media_url>`);
    expect(list.text).not.toContain('https://example.org/c.jpg');
  });

  it('checks jurisdiction_id when one is set, and lists it in discovery', async () => {
    const discovery = await request(t.app).get('/open311/v2/discovery.json').expect(200);
    expect(discovery.body.jurisdiction_id).toBe('boston.gov');
    await request(t.app).get('/open311/v2/services.json?jurisdiction_id=boston.gov').expect(200);
    const wrong = await request(t.app).get('/open311/v2/services.json?jurisdiction_id=sfgov.org').expect(404);
    expect(wrong.body).toEqual([{ code: 404, description: 'jurisdiction_id "sfgov.org" is not served here; this server answers for "boston.gov"' }]);
    await post({ jurisdiction_id: 'sfgov.org', service_code: 'pothole', address_string: 'x' }).expect(404);
    await post({ jurisdiction_id: 'BOSTON.GOV', service_code: 'pothole', address_string: '10 Elm St' }).expect(200);
  });

  it('derives the discovery changeset from the catalog: steady while it stays, later once it changes', async () => {
    await request(t.app).get('/open311/v2/discovery.json').expect(200);
    // As if this catalog had first been served last year.
    await t.ctx.db.query(
      "UPDATE channel_state SET value = split_part(value, ' ', 1) || ' 2025-06-01T00:00:00Z' WHERE channel = 'open311' AND key = 'catalog_changeset'",
    );
    const first = (await request(t.app).get('/open311/v2/discovery.json').expect(200)).body;
    expect(first.changeset).toBe('2025-06-01T00:00:00Z');
    expect(first.endpoints[0].changeset).toBe(first.changeset);

    const catalog = JSON.parse(fs.readFileSync(BUNDLED_CATALOG_PATH, 'utf8'));
    catalog.services[0].name.en = 'Road hole';
    const file = path.join(t.ctx.dataDir, 'changed-catalog.json');
    fs.writeFileSync(file, JSON.stringify(catalog));
    const changed = await testContext(t.ctx.db, { channels: [open311Channel], env: { CATALOG_PATH: file } });
    try {
      const next = (
        await request(createApp(changed, [open311Channel]))
          .get('/open311/v2/discovery.json')
          .expect(200)
      ).body;
      expect(Date.parse(next.changeset)).toBeGreaterThan(Date.parse(first.changeset));
    } finally {
      await changed.queue.close();
    }
  });
});
