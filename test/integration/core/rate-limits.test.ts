import crypto from 'node:crypto';
import request from 'supertest';
import { open311Channel } from '../../../channels/open311';
import { smsChannel } from '../../../channels/sms';
import { twitterChannel } from '../../../channels/twitter';
import { mentionEvent } from '../../../channels/twitter/simulate';
import { voiceChannel } from '../../../channels/voice';
import { createApp } from '../../../src/http/app';
import { simulationSecret } from '../../../src/simulation-secret';
import { createToken } from '../../../src/storage/tokens-repo';
import { twilioSignature } from '../../../vendors/twilio/signature';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase, TEST_REDIS_URL } from '../../support/db';
import { dropRedisPrefix } from '../../support/redis';

type Db = Awaited<ReturnType<typeof freshPgDatabase>>;
const PUBLIC = 'https://311.example.gov';
const contexts: TestContext[] = [];
let db: Db;

beforeAll(async () => {
  db = await freshPgDatabase();
});

afterAll(async () => {
  for (const ctx of contexts) {
    await ctx.queue.close();
    await ctx.limits.close();
    await dropRedisPrefix(ctx.config.redis.prefix);
  }
  await db.close();
});

async function app(env: Record<string, string>) {
  const ctx = await testContext(db, {
    env: { PUBLIC_BASE_URL: PUBLIC, ...env },
    channels: [open311Channel, smsChannel, voiceChannel, twitterChannel],
  });
  contexts.push(ctx);
  return { ctx, app: createApp(ctx, ctx.channels) };
}

const prefix = () => `rl-test-${crypto.randomBytes(4).toString('hex')}`;
const wrongToken = () => `i311_staff_${crypto.randomBytes(8).toString('hex')}`;

describe('wrong staff tokens', () => {
  test('one IP gets 429 with Retry-After after the limit, counted across two web processes sharing Redis', async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix(), RATE_LIMIT_AUTH_FAILURES: '4/300' };
    const [a, b] = [await app(env), await app(env)];
    const staff = await createToken(db, 'dispatch', 'staff');
    const ip = '198.51.100.7';
    const get = (target: typeof a, token: string, from = ip) =>
      request(target.app).get('/api/v1/cases').set('X-Forwarded-For', from).set('Authorization', `Bearer ${token}`);

    // Four failures, alternating between the processes: all are ordinary 401s.
    for (const target of [a, b, a, b]) expect((await get(target, wrongToken())).status).toBe(401);
    const fifth = await get(a, wrongToken());
    expect(fifth.status).toBe(429);
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(0);
    expect(fifth.body.error.code).toBe('too_many_requests');
    // The other process refuses the same IP too, even with a valid token: nothing more is learned from it.
    const blocked = await get(b, staff);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await get(b, staff, '198.51.100.8')).status).toBe(200);
  });

  test('without Redis the limit holds within the process', async () => {
    const { app: solo } = await app({ RATE_LIMIT_AUTH_FAILURES: '2/300' });
    const get = () => request(solo).get('/api/v1/cases').set('X-Forwarded-For', '198.51.100.20').set('Authorization', `Bearer ${wrongToken()}`);
    expect((await get()).status).toBe(401);
    expect((await get()).status).toBe(401);
    const third = await get();
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toMatch(/^\d+$/);
  });

  test('with Redis not answering, each process still limits on its own and requests do not hang', async () => {
    const { app: target } = await app({ REDIS_URL: 'redis://127.0.0.1:1', QUEUE_PREFIX: prefix(), RATE_LIMIT_AUTH_FAILURES: '2/300' });
    const get = () => request(target).get('/api/v1/cases').set('X-Forwarded-For', '198.51.100.30').set('Authorization', `Bearer ${wrongToken()}`);
    expect((await get()).status).toBe(401);
    expect((await get()).status).toBe(401);
    expect((await get()).status).toBe(429);
  });

  test('a client cannot pick its own IP with X-Forwarded-For unless it comes through a trusted proxy', async () => {
    const { app: direct } = await app({ RATE_LIMIT_AUTH_FAILURES: '2/300', TRUST_PROXY: 'false' });
    const get = (from: string) => request(direct).get('/api/v1/cases').set('X-Forwarded-For', from).set('Authorization', `Bearer ${wrongToken()}`);
    expect((await get('192.0.2.1')).status).toBe(401);
    expect((await get('192.0.2.2')).status).toBe(401);
    expect((await get('192.0.2.3')).status).toBe(429);
  });
});

describe('Open311 POST', () => {
  const post = (target: ReturnType<typeof request>, apiKey: string, from: string) =>
    target
      .post('/open311/v2/requests.json')
      .set('X-Forwarded-For', from)
      .type('form')
      .send({
        api_key: apiKey,
        service_code: 'pothole',
        address_string: '12 Elm St',
        description: `pothole ${crypto.randomBytes(4).toString('hex')}`,
      });

  test('one api_key gets 429 with Retry-After after its budget; another key still posts', async () => {
    const { app: target } = await app({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix(), RATE_LIMIT_OPEN311_POSTS: '3/60' });
    const [busy, calm] = [await createToken(db, 'busy app', 'open311'), await createToken(db, 'calm app', 'open311')];
    const posted = async () =>
      Number((await db.query<{ n: number }>("SELECT count(*) AS n FROM inbound_messages WHERE channel = 'open311'")).rows[0].n);
    const before = await posted();
    for (let i = 0; i < 3; i++) expect((await post(request(target), busy, '203.0.113.1')).status).toBe(200);
    const over = await post(request(target), busy, '203.0.113.2');
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.body).toEqual([
      { code: 429, description: expect.stringMatching(/^this api_key has posted too many requests; wait \d+ s and retry$/) },
    ]);
    expect((await post(request(target), calm, '203.0.113.1')).status).toBe(200);
    expect(await posted()).toBe(before + 4);
  });

  test('wrong api_keys from one IP get 429 after the failed-authentication budget', async () => {
    const { app: target } = await app({ RATE_LIMIT_AUTH_FAILURES: '2/300' });
    const from = '203.0.113.50';
    for (let i = 0; i < 2; i++) expect((await post(request(target), 'i311_open311_nope', from)).status).toBe(403);
    const over = await post(request(target), 'i311_open311_nope', from);
    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toMatch(/^\d+$/);
    expect(over.body[0].description).toMatch(/too many wrong api_keys from this address/);
  });
});

describe('floods from one resident', () => {
  function twilioPost(target: ReturnType<typeof createApp>, secret: string, path: string, fields: Record<string, string>) {
    return request(target)
      .post(path)
      .set('X-Twilio-Signature', twilioSignature(secret, PUBLIC + path, fields))
      .type('form')
      .send(new URLSearchParams(fields).toString());
  }

  test('texts over the budget are answered once with "slow down" in TwiML, then silently, and handled no further', async () => {
    const { ctx, app: target } = await app({ RATE_LIMIT_SMS: '2/600' });
    const from = '+16175550101';
    const text = (body: string, who = from) => {
      const sid = `SM${crypto.randomBytes(16).toString('hex')}`;
      return twilioPost(target, ctx.twilioSigningSecret, '/channels/sms', {
        MessageSid: sid,
        SmsSid: sid,
        AccountSid: `AC${'1'.repeat(32)}`,
        From: who,
        To: '+15550000311',
        Body: body,
        NumMedia: '0',
      });
    };
    expect((await text('pothole at 3 Oak St')).text).toMatch(/<Message>3 Oak St, Chinatown\? Reply YES/);
    expect((await text('1')).text).toMatch(/<Message>/);
    const slow = await text('2');
    expect(slow.status).toBe(200);
    expect(slow.type).toBe('text/xml');
    expect(slow.text).toMatch(/<Message>You have sent many messages in a short time\. Please wait 10 min and try again\./);
    const silent = await text('0');
    expect(silent.text).toMatch(/<Response><\/Response>$/);
    const stored = await db.query("SELECT count(*) AS n FROM inbound_messages WHERE channel = 'sms' AND raw->>'From' = $1", [from]);
    expect(Number(stored.rows[0].n)).toBe(2);
    expect((await text('pothole at 3 Oak St', '+16175550102')).text).toMatch(/3 Oak St, Chinatown\? Reply YES/);
  });

  test('a caller over the budget hears "try again later" and the call is hung up', async () => {
    const { ctx, app: target } = await app({ RATE_LIMIT_CALLS: '2/600' });
    const call = () =>
      twilioPost(target, ctx.twilioSigningSecret, '/channels/voice', {
        CallSid: `CA${crypto.randomBytes(16).toString('hex')}`,
        AccountSid: `AC${'1'.repeat(32)}`,
        From: '+16175550103',
        To: '+15550000311',
        CallStatus: 'ringing',
      });
    expect((await call()).text).toMatch(/<Gather/);
    expect((await call()).text).toMatch(/<Gather/);
    const refused = await call();
    expect(refused.status).toBe(200);
    expect(refused.text).toMatch(/many calls from this number in a short time/);
    expect(refused.text).toMatch(/<Hangup\/><\/Response>$/);
  });

  test('mentions from one X author over the budget open no case and get no reply', async () => {
    const { ctx, app: target } = await app({ RATE_LIMIT_MENTIONS: '1/600' });
    const city = { userId: ctx.config.twitter.userId, handle: ctx.config.twitter.handle };
    const tweet = async (text: string) => {
      const body = JSON.stringify(mentionEvent(city, { userId: '4242', screenName: 'flooder', text }));
      const signature = crypto.createHmac('sha256', simulationSecret(ctx.dataDir)).update(body).digest('base64');
      const res = await request(target)
        .post('/channels/twitter/webhook')
        .set('x-twitter-webhooks-signature', `sha256=${signature}`)
        .type('json')
        .send(body);
      return res.body.outcomes[0];
    };
    // A place no other test here reports: the same pothole at the same place would be linked, not created.
    expect(await tweet('big pothole at 30 Bennington St')).toMatchObject({ kind: 'created' });
    expect(await tweet('another pothole at 14 Elm St')).toMatchObject({ kind: 'ignored', reason: 'too many mentions from this author' });
    const cases = await db.query("SELECT count(*) AS n FROM cases WHERE channel = 'twitter' AND reporter->>'address' = '4242'");
    expect(Number(cases.rows[0].n)).toBe(1);
  });
});
