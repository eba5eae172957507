/**
 * npm run bench:publish — closes N cases at a steady rate and measures close -> provider-accepted latency
 * (the staff PATCH's transaction start to the fake provider receiving the SMS), through the real outbox
 * relay, queue and send processor against real PostgreSQL and Redis, with a fake provider that has no rate
 * limit. Target: p99 < 500 ms at 100 closes/s.
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_REDIS_URL (default
 * redis://127.0.0.1:6379; set BENCH_QUEUE=memory for the in-process queue), BENCH_CLOSES (default 1000),
 * BENCH_RATE (closes per second, default 100).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { SMS_TEXT_BUDGET } from '../../channels/sms/text-budget';
import { loadConfig } from '../../src/config';
import { startOutbound } from '../../src/outbound/start-outbound';
import { BullQueue } from '../../src/queue/bullmq-queue';
import { MemoryQueue } from '../../src/queue/memory-queue';
import { buildContext } from '../../src/runtime';
import { migrate } from '../../src/storage/migrate';
import { createPgDatabase } from '../../src/storage/pg-database';
import { FakeProvider, fakeChannel } from '../fakes/fake-provider';
import { until } from './until';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const USE_MEMORY = process.env.BENCH_QUEUE === 'memory';
const CLOSES = Number(process.env.BENCH_CLOSES ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 100);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

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
    const channels = [fakeChannel('sms', provider, SMS_TEXT_BUDGET)];
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, OUTBOX_POLL_MS: '1000' });
    const ctx = await buildContext(config, { db, queue, channels });
    const stop = await startOutbound(ctx, channels);

    // Open the cases first; each reporter gets its tracking-number SMS before the timed part starts.
    const ids: number[] = [];
    for (let i = 0; i < CLOSES; i++) {
      const out = await ctx.intake.submit({
        channel: 'sms',
        providerMessageId: `bench-${i}`,
        reporter: { address: `+1555${String(i).padStart(7, '0')}` },
        text: `pothole number ${i} on Elm St`,
        media: [],
        raw: {},
      });
      ids.push(out.case.service_request_id);
    }
    await until(() => provider.accepted.length >= CLOSES, 'the opening messages', 120_000, 5);
    const opened = provider.accepted.length;

    const closedAt = new Map<string, number>();
    const started = Date.now();
    const closes: Array<Promise<unknown>> = [];
    for (let i = 0; i < CLOSES; i++) {
      const due = started + (i * 1000) / RATE;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      closedAt.set(`+1555${String(i).padStart(7, '0')}`, Date.now());
      closes.push(ctx.cases.update(ids[i], { status: 'closed', status_notes: 'Filled and resurfaced.' }, 'staff:bench'));
    }
    await Promise.all(closes);
    const closeSeconds = (Date.now() - started) / 1000;
    await until(() => provider.accepted.length >= opened + CLOSES, 'the closing messages', 120_000, 5);

    const latencies = provider.accepted
      .slice(opened)
      .map((m) => m.at - (closedAt.get(m.to) as number))
      .sort((a, b) => a - b);
    const duplicates = provider.accepted.length - opened - CLOSES;
    console.log(`bench:publish  queue=${queue.kind}  closes=${CLOSES}  offered=${RATE}/s  achieved=${(CLOSES / closeSeconds).toFixed(1)}/s`);
    console.log(
      `close -> provider accepted  p50=${percentile(latencies, 50)} ms  p99=${percentile(latencies, 99)} ms  max=${latencies[latencies.length - 1]} ms  duplicates=${duplicates}`,
    );
    console.log(`target p99 < 500 ms: ${percentile(latencies, 99) < 500 ? 'met' : 'NOT met'}`);
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
