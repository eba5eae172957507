import request from 'supertest';
import { xmlProblem } from '../../support/xml';
import { wholeApp } from './whole-app';

/** Requests that each made the service answer 500 before: every one is now a 4xx naming the problem, or handled. */
describe('malformed requests from strangers get a clear 4xx, never a 500', () => {
  let t: Awaited<ReturnType<typeof wholeApp>>;
  beforeAll(async () => {
    t = await wholeApp();
  });
  afterAll(() => t.close());

  describe('Open311 answers body-parser and router errors in its own format', () => {
    it('a bad % escape in the path is a 400 in XML when XML was asked for', async () => {
      const res = await request(t.app).get('/open311/v2/requests/%zz.xml').expect(400);
      expect(res.type).toBe('text/xml');
      expect(xmlProblem(res.text)).toBeUndefined();
      expect(res.text).toMatch(/<code>400<\/code>\s*<description>bad request: Failed to decode param/);
    });

    it('an unknown charset is a 415 naming it', async () => {
      const res = await request(t.app)
        .post('/open311/v2/requests.json')
        .set('Content-Type', 'application/json; charset=klingon')
        .send('{}')
        .expect(415);
      expect(res.body).toEqual([{ code: 415, description: 'request body charset "klingon" is not supported; send UTF-8' }]);
    });

    it('a body that claims deflate but is not is a 400', async () => {
      const res = await request(t.app)
        .post('/open311/v2/requests.json')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .set('Content-Encoding', 'deflate')
        .send(Buffer.from('service_code=pothole'))
        .expect(400);
      expect(res.body[0].description).toBe('request body does not decompress as its Content-Encoding says');
    });

    it('an unknown Content-Encoding is a 415 naming it', async () => {
      const res = await request(t.app)
        .post('/open311/v2/requests.json')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'x-zip')
        .send('{}')
        .expect(415);
      expect(res.body[0].description).toMatch(/^Content-Encoding "x-zip" is not supported/);
    });

    it('form brackets nested deeper than the parser allows are a 400', async () => {
      const res = await request(t.app)
        .post('/open311/v2/requests.json')
        .type('form')
        .send(`a${'[b]'.repeat(40)}=1`)
        .expect(400);
      expect(res.body[0].description).toMatch(/depth/);
    });

    it('a NUL in a query parameter is a 400 naming the parameter, before any SQL', async () => {
      const res = await request(t.app).get('/open311/v2/requests.json?service_code=%00').expect(400);
      expect(res.body).toEqual([{ code: 400, description: 'service_code must not contain control characters' }]);
    });
  });

  describe('the staff API', () => {
    const get = (path: string) => request(t.app).get(path).set('Authorization', `Bearer ${t.staffToken}`);

    it('refuses a cursor beyond bigint and a NUL in service_code with a 400 naming the parameter', async () => {
      const big = await get('/api/v1/cases?cursor=9223372036854775808').expect(400);
      expect(big.body.error.message).toMatch(/^cursor: /);
      const nul = await get('/api/v1/cases?service_code=%00').expect(400);
      expect(nul.body.error.message).toMatch(/^service_code/);
      const notifications = await get('/api/v1/notifications?cursor=99999999999999999999').expect(400);
      expect(notifications.body.error.message).toMatch(/^cursor: /);
    });

    it('refuses a duplicate_of beyond the id range, and a NUL in a closure photo URL, with a 400 naming the field', async () => {
      const filed = await request(t.app)
        .post('/open311/v2/requests.json')
        .send({ api_key: t.open311Key, service_code: 'pothole', address_string: '5 Elm St' })
        .expect(200);
      const patch = (body: object) =>
        request(t.app).patch(`/api/v1/cases/${filed.body[0].service_request_id}`).set('Authorization', `Bearer ${t.staffToken}`).send(body);
      const big = await patch({ duplicate_of: 1e20 }).expect(400);
      expect(big.body.error.message).toMatch(/^duplicate_of: /);
      const nul = await patch({ closure_media_url: 'https://photos.example.org/a\u0000.jpg' }).expect(400);
      expect(nul.body.error.message).toBe('closure_media_url: must not contain spaces or control characters');
    });
  });

  describe('pages and webhooks outside the APIs', () => {
    it('a bad % escape on a public page is a plain-text 400', async () => {
      const res = await request(t.app).get('/cases/%E0%A4%A').expect(400);
      expect(res.type).toBe('text/plain');
      expect(res.text).toMatch(/^bad request: Failed to decode param/);
    });

    it('a voice webhook with an unreadable charset is a plain-text 415', async () => {
      const res = await request(t.app)
        .post('/channels/voice')
        .set('Content-Type', 'application/x-www-form-urlencoded; charset=utf-16')
        .send('CallSid=CA1')
        .expect(415);
      expect(res.text).toBe('request body charset "utf-16" is not supported; send UTF-8');
    });
  });

  describe('validly signed Twilio voice webhooks with malformed fields', () => {
    const call = 'CA00000000000000000000000000000001';
    beforeAll(async () => {
      await t.twilio('/channels/voice', { CallSid: call, From: '+16175550188', CallStatus: 'in-progress' }).expect(200);
      await t.twilio('/channels/voice/language', { CallSid: call, Digits: '1' }).expect(200);
    });

    it('RecordingDuration=NaN is taken as an unknown length, not sent to SQL', async () => {
      await t
        .twilio('/channels/voice/recording', {
          CallSid: call,
          RecordingSid: 'RE00000000000000000000000000000001',
          RecordingStatus: 'absent',
          RecordingDuration: 'NaN',
        })
        .expect(204);
      const { rows } = await t.ctx.db.query<{ duration_seconds: number | null }>(
        'SELECT duration_seconds FROM voice_recordings WHERE call_sid = $1',
        [call],
      );
      expect(rows).toEqual([{ duration_seconds: null }]);
    });

    it('a control character in SpeechResult is dropped and the TwiML read back is well-formed', async () => {
      await t.twilio('/channels/voice/described', { CallSid: call, SpeechResult: 'big pothole' }).expect(200);
      const res = await t.twilio('/channels/voice/address', { CallSid: call, SpeechResult: '12 Elm\u0001 Street\uFFFE' }).expect(200);
      expect(xmlProblem(res.text)).toBeUndefined();
      // Read back as the geocoder understood the cleaned words.
      expect(res.text).toContain('We heard: 12 Elm St, Charlestown.');
    });

    it('a field given twice is a plain-text 400 naming it', async () => {
      const res = await t.twilio('/channels/voice/described', { CallSid: call, SpeechResult: ['a', 'b'] as unknown as string }).expect(400);
      expect(res.text).toBe('voice: field SpeechResult must be given once, as text');
    });
  });

  describe('validly signed X events of an unexpected shape', () => {
    it.each([
      ['null', 'body must be a JSON object (an Account Activity event)'],
      ['[]', 'body must be a JSON object (an Account Activity event)'],
      ['{"tweet_create_events": 5}', 'tweet_create_events must be an array of tweets'],
      ['{"tweet_create_events": {"id_str": "1"}}', 'tweet_create_events must be an array of tweets'],
    ])('%s is a 400 naming what is wrong', async (body, message) => {
      const res = await t.x(body).expect(400);
      expect(res.body.error.message).toBe(`twitter webhook: ${message}`);
    });

    it('tweets with fields of the wrong type are read without them, or skipped', async () => {
      const tweets = [
        null,
        5,
        'x',
        [],
        { id_str: 7 },
        {
          id_str: '1105800000000000777',
          text: 5,
          user: { id_str: '48151623', screen_name: 7 },
          extended_entities: { media: 'x' },
          place: 5,
          coordinates: { type: 'Point', coordinates: 'x' },
        },
      ];
      const res = await t.x(JSON.stringify({ tweet_create_events: tweets })).expect(200);
      expect(res.body.outcomes).toEqual([expect.objectContaining({ id: '1105800000000000777' })]);
    });
  });

  describe('the public report form, follow and unsubscribe routes', () => {
    it.each([
      [
        'a body that claims deflate but is not',
        () =>
          request(t.app)
            .post('/report')
            .set('Content-Type', 'application/x-www-form-urlencoded')
            .set('Content-Encoding', 'deflate')
            .send(Buffer.from('a=1')),
        400,
      ],
      [
        'an unknown charset',
        () => request(t.app).post('/report').set('Content-Type', 'application/x-www-form-urlencoded; charset=klingon').send('a=1'),
        415,
      ],
      [
        'a multipart body cut short',
        () =>
          request(t.app)
            .post('/report')
            .set('Content-Type', 'multipart/form-data; boundary=xyz')
            .send('--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb'),
        400,
      ],
      ['multipart without a boundary', () => request(t.app).post('/report').set('Content-Type', 'multipart/form-data').send('garbage'), 400],
      [
        'more fields than a form has',
        () =>
          request(t.app)
            .post('/report')
            .type('form')
            .send(Array.from({ length: 300 }, (_, i) => `p${i}=1`).join('&')),
        413,
      ],
      ['JSON instead of a form (no CSRF token)', () => request(t.app).post('/report').send({ address: 'x' }), 403],
      ['a bad % escape in the photo path', () => request(t.app).get('/report/photo/%zz'), 400],
      ['a pin at an impossible latitude', () => request(t.app).get('/report/places?lat=1e400&lon=2'), 400],
      ['the address given twice', () => request(t.app).get('/report/places?q=a&q=b'), 400],
      ['a case id that is not a number', () => request(t.app).post('/cases/abc/follow').type('form').send('email=a@example.org'), 404],
      ['an unsubscribe token far too long', () => request(t.app).get(`/unsubscribe/${'1'.repeat(2000)}.abc`), 404],
    ] as const)('%s is a %i', async (_what, send, status) => {
      expect((await send()).status).toBe(status);
    });
  });
});
