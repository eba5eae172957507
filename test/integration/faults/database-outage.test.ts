import crypto from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { smsChannel } from '../../../channels/sms';
import { voiceChannel } from '../../../channels/voice';
import { createApp } from '../../../src/http/app';
import { createPgDatabase } from '../../../src/storage/pg-database';
import { twilioSignature } from '../../../vendors/twilio/signature';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase, TEST_DATABASE_URL } from '../../support/db';
import { type FaultProxy, startFaultProxy } from '../../support/fault-proxy';

const PUBLIC = 'https://311.example.gov';

let direct: Awaited<ReturnType<typeof freshPgDatabase>>;
let proxy: FaultProxy;
let ctx: TestContext;
let server: Server;
let base: string;

beforeAll(async () => {
  direct = await freshPgDatabase();
  proxy = await startFaultProxy({ host: '127.0.0.1', port: 5432 });
  // The service reaches PostgreSQL only through the proxy; the test checks what was written over `direct`.
  const db = createPgDatabase(`postgres://postgres@127.0.0.1:${proxy.port}/test`, {
    schema: direct.schema,
    poolSize: 4,
    connectTimeoutMs: 1000,
    statementTimeoutMs: 1500,
  });
  ctx = await testContext(db, { env: { PUBLIC_BASE_URL: PUBLIC, READY_TIMEOUT_MS: '1000' }, channels: [smsChannel, voiceChannel] });
  server = createApp(ctx, ctx.channels).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await ctx.queue.close();
  await ctx.db.close();
  await proxy.close();
  await direct.close();
});

afterEach(() => proxy.unfreeze());

async function twilio(path: string, fields: Record<string, string>): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(ctx.twilioSigningSecret, PUBLIC + path, fields),
    },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

function sms(from: string, body: string): Record<string, string> {
  const sid = `SM${crypto.randomBytes(16).toString('hex')}`;
  return { MessageSid: sid, SmsSid: sid, AccountSid: `AC${'1'.repeat(32)}`, From: from, To: '+15550000311', Body: body, NumMedia: '0' };
}

function phone(): string {
  return `+1617555${String(crypto.randomInt(10000)).padStart(4, '0')}`;
}

async function written(from: string): Promise<{ cases: number; inbound: number; conversations: number }> {
  const count = async (sql: string) => Number((await direct.query<{ n: number }>(sql, [from])).rows[0].n);
  return {
    cases: await count("SELECT count(*) AS n FROM cases WHERE reporter->>'address' = $1"),
    inbound: await count("SELECT count(*) AS n FROM inbound_messages WHERE raw->>'From' = $1"),
    conversations: await count("SELECT count(*) AS n FROM conversations WHERE conversation_key LIKE '%' || $1 || '%'"),
  };
}

const REPORT = 'graffiti on the wall at 45 Main St';
const NOTHING = { cases: 0, inbound: 0, conversations: 0 };

describe.each([
  ['frozen (no bytes, nothing closed)', () => proxy.freeze(), async () => proxy.unfreeze()],
  ['killed (connections dropped, new ones refused)', () => void proxy.kill(), () => proxy.revive()],
])('PostgreSQL %s', (_name, breakIt, mendIt) => {
  test('the texter gets the apology in TwiML, nothing is written, and the conversation starts normally once it is back', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const from = phone();
    breakIt();
    const reply = await twilio('/channels/sms', sms(from, REPORT));
    expect(reply.status).toBe(200);
    expect(reply.type).toMatch(/^text\/xml/);
    expect(reply.body).toMatch(/<Response><Message>[^<]*try again in a few minutes/);
    await mendIt();
    expect(await written(from)).toEqual(NOTHING);
    const after = await twilio('/channels/sms', sms(from, REPORT));
    expect(after.body).toMatch(/<Message>45 Main St, Charlestown\? Reply YES/);
    expect(await written(from)).toMatchObject({ inbound: 1, conversations: 1 });
  }, 60_000);

  test('/readyz answers 503 naming the database, and 200 again once it is back', async () => {
    breakIt();
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'not ready', checks: { database: 'down', queue: 'ok' } });
    await mendIt();
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  }, 60_000);

  test('a caller hears "try again in a few minutes" in TwiML and the call is hung up, not an application error', async () => {
    const callSid = `CA${crypto.randomBytes(16).toString('hex')}`;
    breakIt();
    const res = await twilio('/channels/voice', {
      CallSid: callSid,
      AccountSid: `AC${'1'.repeat(32)}`,
      From: phone(),
      To: '+15550000311',
      CallStatus: 'ringing',
    });
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/xml/);
    expect(res.body).toMatch(/<Say[^>]*>Sorry, we cannot take your report just now\. Please try again in a few minutes/);
    expect(res.body).toMatch(/<Hangup\/><\/Response>$/);
    await mendIt();
  }, 60_000);
});

test('a caller who already chose Spanish hears the apology in Spanish only', async () => {
  const callSid = `CA${crypto.randomBytes(16).toString('hex')}`;
  const call = { CallSid: callSid, AccountSid: `AC${'1'.repeat(32)}`, From: phone(), To: '+15550000311', CallStatus: 'in-progress' };
  await twilio('/channels/voice', call);
  expect((await twilio('/channels/voice/language', { ...call, Digits: '2' })).body).toMatch(/es-US/);
  // The call's state loads, then the step's write waits on a lock held elsewhere until the statement times out.
  const locker = new Client({ connectionString: TEST_DATABASE_URL });
  await locker.connect();
  try {
    await locker.query(`BEGIN; LOCK TABLE ${direct.schema}.voice_recordings IN ACCESS EXCLUSIVE MODE`);
    const recording = {
      RecordingSid: `RE${crypto.randomBytes(16).toString('hex')}`,
      RecordingUrl: 'https://api.twilio.com/r/1',
      RecordingDuration: '4',
    };
    const res = await twilio('/channels/voice/recorded', { ...call, ...recording });
    expect(res.body).toMatch(/Inténtelo de nuevo en unos minutos/);
    expect(res.body).not.toMatch(/Please try again/);
    expect(res.body).toMatch(/<Hangup\/><\/Response>$/);
  } finally {
    await locker.query('ROLLBACK');
    await locker.end();
  }
}, 60_000);

test('request connections carry the statement and idle-in-transaction timeouts; a migration connection has no statement timeout', async () => {
  const show = async (options: Parameters<typeof createPgDatabase>[1]) => {
    const db = createPgDatabase(TEST_DATABASE_URL, options);
    try {
      const { rows } = await db.query<{ s: string; i: string }>(
        "SELECT current_setting('statement_timeout') AS s, current_setting('idle_in_transaction_session_timeout') AS i",
      );
      return rows[0];
    } finally {
      await db.close();
    }
  };
  expect(await show({})).toEqual({ s: '5s', i: '10s' });
  expect(await show({ statementTimeoutMs: 0 })).toEqual({ s: '0', i: '10s' });
});
