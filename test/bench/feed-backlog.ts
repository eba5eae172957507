/**
 * npm run bench:feed — a resident's reply written behind a backlog of N public feed posts on the same channel
 * (what a flood of reports leaves on X): how long until the provider accepts the reply, and how many feed posts
 * went out before it. Real outbox relay, queue and send processors on PostgreSQL and Redis, a loopback fake
 * provider with no rate limit (so the figure is our own queueing, not X's pacing).
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_REDIS_URL (default
 * redis://127.0.0.1:6379; BENCH_QUEUE=memory for the in-process queue), BENCH_FEED_BACKLOG (default 2000, at most 20000).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import { startOutbound } from '../../src/outbound/start-outbound';
import { BullQueue } from '../../src/queue/bullmq-queue';
import { MemoryQueue } from '../../src/queue/memory-queue';
import { buildContext } from '../../src/runtime';
import { migrate } from '../../src/storage/migrate';
import { createPgDatabase } from '../../src/storage/pg-database';
import { tweetTextBudget } from '../../vendors/x/tweet-length';
import { FakeProvider, fakeChannel } from '../fakes/fake-provider';
import { until } from './until';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const USE_MEMORY = process.env.BENCH_QUEUE === 'memory';
const BACKLOG = Math.min(20_000, Math.max(1, Number(process.env.BENCH_FEED_BACKLOG ?? 2000)));

async function main(): Promise<void> {
  const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
  const dataDir = path.join(os.tmpdir(), `intake311-bench-${schema}`);
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const provider = await new FakeProvider().start();
  const db = createPgDatabase(DATABASE_URL, { schema, poolSize: 20 });
  const queue = USE_MEMORY ? new MemoryQueue() : new BullQueue(REDIS_URL, schema);
  try {
    await migrate(db);
    const channels = [fakeChannel('twitter', provider, tweetTextBudget())];
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, OUTBOX_POLL_MS: '1000' });
    const ctx = await buildContext(config, { db, queue, channels });
    const out = await ctx.intake.submit({
      channel: 'twitter',
      providerMessageId: 'bench-feed',
      reporter: { address: '42' },
      text: 'pothole on Elm St',
      media: [],
      raw: {},
    });
    const caseId = out.case.service_request_id;
    // The case's own messages are written before the outbound side starts, so they are not part of the figure.
    await db.query('DELETE FROM notifications WHERE case_id = $1', [caseId]);
    const stop = await startOutbound(ctx, channels);

    await db.query(
      `INSERT INTO notifications (case_id, channel, recipient, kind, language, params)
       SELECT $1, 'twitter', 'feed', 'feed_opened', 'en', '{}'::jsonb FROM generate_series(1, $2)`,
      [caseId, BACKLOG],
    );
    const written = Date.now();
    await db.query(
      `INSERT INTO notifications (case_id, channel, recipient, kind, language, params) VALUES ($1, 'twitter', 'resident-42', 'case_opened', 'en', '{"thread_id":"1"}'::jsonb)`,
      [caseId],
    );
    ctx.signals.outboxChanged();
    await until(() => provider.accepted.some((m) => m.to === 'resident-42'), 'the reply', 300_000, 2);
    const reply = provider.accepted.find((m) => m.to === 'resident-42')!;
    const feedBefore = provider.accepted.filter((m) => m.to === 'feed' && m.at <= reply.at).length;
    await until(() => provider.accepted.length >= BACKLOG + 1, 'the feed backlog', 300_000, 2);
    const drained = Date.now() - written;
    console.log(`bench:feed  queue=${queue.kind}  feed backlog=${BACKLOG}`);
    console.log(
      `reply accepted ${reply.at - written} ms after it was written; ${feedBefore} feed posts went out before it; backlog drained in ${drained} ms`,
    );
    await stop();
  } finally {
    await queue.close();
    await db.close();
    await provider.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
