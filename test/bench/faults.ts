/**
 * npm run bench:faults — what residents and operators get while PostgreSQL is frozen or down, with the
 * default DATABASE_* timeouts, and what a flood of wrong tokens or Open311 posts gets with the default
 * RATE_LIMIT_* budgets. PostgreSQL is reached through a loopback proxy the script freezes (no bytes, nothing
 * closed) and kills (connections dropped, new ones refused). Prints reply times; Twilio gives up after 15 s.
 *
 * Env: BENCH_DATABASE_URL host and port are proxied (default postgres://postgres@127.0.0.1:5432/test);
 * BENCH_REDIS_URL (default redis://127.0.0.1:6379) for the shared rate limits.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { open311Channel } from '../../channels/open311';
import { smsChannel } from '../../channels/sms';
import { voiceChannel } from '../../channels/voice';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/http/app';
import { buildContext } from '../../src/runtime';
import { migrate } from '../../src/storage/migrate';
import { createPgDatabase } from '../../src/storage/pg-database';
import { createToken } from '../../src/storage/tokens-repo';
import { twilioSignature } from '../../vendors/twilio/signature';
import { startFaultProxy } from '../support/fault-proxy';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PUBLIC = 'https://311.example.gov';

interface Reply {
  ms: number;
  status: number;
  body: string;
  retryAfter: string | null;
}

function summary(label: string, replies: Reply[], ok: (r: Reply) => boolean): string {
  const ms = replies.map((r) => r.ms).sort((a, b) => a - b);
  const p50 = ms[Math.floor(ms.length / 2)];
  return `${label.padEnd(34)} n=${String(replies.length).padStart(4)}  p50 ${String(Math.round(p50)).padStart(5)} ms  max ${String(Math.round(ms[ms.length - 1])).padStart(5)} ms  as expected: ${replies.filter(ok).length}/${replies.length}`;
}

async function main(): Promise<void> {
  const target = new URL(DATABASE_URL);
  const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const setup = createPgDatabase(DATABASE_URL, { schema });
  await migrate(setup);
  await setup.close();

  const proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(DATABASE_URL);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  const prefix = `bench-faults-${crypto.randomBytes(4).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-bench-faults-'));
  // Every DATABASE_* and RATE_LIMIT_* setting at its default: these are the figures an install gets.
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    PUBLIC_BASE_URL: PUBLIC,
    DATABASE_URL: proxied.toString(),
    DATABASE_SCHEMA: schema,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
  });
  const channels = [smsChannel, voiceChannel, open311Channel];
  const ctx = await buildContext(config, { channels });
  const server = createApp(ctx, channels).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const timed = async (path: string, init: RequestInit = {}): Promise<Reply> => {
    const t0 = performance.now();
    const res = await fetch(base + path, init);
    const body = await res.text();
    return { ms: performance.now() - t0, status: res.status, body, retryAfter: res.headers.get('retry-after') };
  };
  const twilio = (path: string, fields: Record<string, string>) =>
    timed(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(ctx.twilioSigningSecret, PUBLIC + path, fields),
      },
      body: new URLSearchParams(fields).toString(),
    });
  let n = 0;
  const phone = () => `+1617556${String(n++ % 10000).padStart(4, '0')}`;
  const sms = () => {
    const sid = `SM${crypto.randomBytes(16).toString('hex')}`;
    return twilio('/channels/sms', {
      MessageSid: sid,
      SmsSid: sid,
      AccountSid: `AC${'1'.repeat(32)}`,
      From: phone(),
      To: '+15550000311',
      Body: 'pothole at 3 Oak St',
      NumMedia: '0',
    });
  };
  const call = () =>
    twilio('/channels/voice', {
      CallSid: `CA${crypto.randomBytes(16).toString('hex')}`,
      AccountSid: `AC${'1'.repeat(32)}`,
      From: phone(),
      To: '+15550000311',
      CallStatus: 'ringing',
    });
  const apology = (r: Reply) => r.status === 200 && /try again in a few minutes/.test(r.body);
  const normalSms = (r: Reply) => r.status === 200 && /Reply YES or send the right place/.test(r.body);
  const casesWritten = async () => Number((await admin.query(`SELECT count(*) AS n FROM ${schema}.conversations`)).rows[0].n);

  console.log(
    `intake311 bench:faults — PostgreSQL ${target.host} through a fault proxy; DATABASE_CONNECT_TIMEOUT_MS ${config.database.connectTimeoutMs}, DATABASE_STATEMENT_TIMEOUT_MS ${config.database.statementTimeoutMs}, pool ${config.database.poolSize}, READY_TIMEOUT_MS ${config.readyTimeoutMs}`,
  );
  const healthy = [];
  for (let i = 0; i < 20; i++) healthy.push(await sms());
  console.log(summary('healthy: SMS webhook', healthy, normalSms));

  for (const [fault, breakIt, mendIt] of [
    ['frozen', () => proxy.freeze(), async () => proxy.unfreeze()],
    ['killed', () => void proxy.kill(), () => proxy.revive()],
  ] as const) {
    const before = await casesWritten();
    breakIt();
    // More texts at once than the pool has connections: the ones left waiting for a connection must be bounded too.
    const [texts, calls, ready] = await Promise.all([
      Promise.all(Array.from({ length: 30 }, sms)),
      Promise.all(Array.from({ length: 5 }, call)),
      Promise.all(Array.from({ length: 3 }, () => timed('/readyz'))),
    ]);
    console.log(summary(`${fault}: SMS webhook (30 at once)`, texts, apology));
    console.log(summary(`${fault}: voice webhook (5 at once)`, calls, apology));
    console.log(summary(`${fault}: /readyz`, ready, (r) => r.status === 503));
    await mendIt();
    const t0 = performance.now();
    let first: Reply | undefined;
    while (!first || !normalSms(first)) first = await sms();
    console.log(
      `${fault}: first normal SMS reply ${Math.round(performance.now() - t0)} ms after PostgreSQL was back; conversations written during the fault: ${(await casesWritten()) - before - 1}`,
    );
  }

  const wrong = await runConcurrent(1000, 20, () =>
    timed('/api/v1/cases', {
      headers: { authorization: `Bearer i311_staff_${crypto.randomBytes(8).toString('hex')}`, 'x-forwarded-for': '198.51.100.77' },
    }),
  );
  console.log(`1,000 wrong staff tokens from one IP: ${countBy(wrong)}`);
  const key = await createToken(ctx.db, 'bench app', 'open311');
  const posts = await runConcurrent(1000, 20, () =>
    timed('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.78' },
      body: new URLSearchParams({
        api_key: key,
        service_code: 'pothole',
        address_string: '12 Elm St',
        description: `pothole ${crypto.randomBytes(4).toString('hex')}`,
      }).toString(),
    }),
  );
  console.log(`1,000 Open311 POSTs from one api_key within a minute: ${countBy(posts)}`);

  await new Promise((resolve) => server.close(resolve));
  await ctx.queue.close();
  await ctx.limits.close();
  await ctx.db.close();
  await proxy.close();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

function countBy(replies: Reply[]): string {
  const counts = new Map<number, number>();
  for (const r of replies) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const limited = replies.filter((r) => r.status === 429);
  const withRetryAfter = limited.filter((r) => /^\d+$/.test(r.retryAfter ?? '')).length;
  return `${[...counts].map(([status, count]) => `${count} × ${status}`).join(', ')} (Retry-After on ${withRetryAfter} of the 429s)`;
}

async function runConcurrent(total: number, concurrency: number, fn: () => Promise<Reply>): Promise<Reply[]> {
  const out: Reply[] = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < total) {
        started++;
        out.push(await fn());
      }
    }),
  );
  return out;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
