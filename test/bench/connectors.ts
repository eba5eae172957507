/**
 * bench:connectors: case created -> downstream accepted, through the connector machinery on PostgreSQL and Redis
 * (BENCH_DATABASE_URL, BENCH_REDIS_URL) with a loopback fake Open311 CRM. Two ways a case reaches the worker:
 * - polled: the case is written by another process (a web process; here a second context with its own signals),
 *   so the worker's relay finds it on its poll (OUTBOX_POLL_MS, default 1000 ms);
 * - woken: the case is written in the worker's process, and the in-process signal wakes the relay at once.
 * Cases arrive one at a time at random intervals (BENCH_CASES per mode, default 30; polled cases at a random point of the poll interval). Prints p50/p99/max per mode.
 * Target (issue 18): p99 < 2 s polled, < 200 ms woken.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import type { InboundReport } from '../../src/domain/types';
import { startConnectors } from '../../src/downstream/start-connectors';
import { startOutbound } from '../../src/outbound/start-outbound';
import { BullQueue } from '../../src/queue/bullmq-queue';
import { MemoryQueue } from '../../src/queue/memory-queue';
import { buildContext } from '../../src/runtime';
import { migrate } from '../../src/storage/migrate';
import { createPgDatabase } from '../../src/storage/pg-database';
import { Open311Downstream } from '../fakes/open311-downstream';
import { dropRedisPrefix } from '../support/redis';
import { until } from './until';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CASES = Number(process.env.BENCH_CASES ?? 30);

function report(n: number, tag: string): InboundReport {
  const text = `pothole ${tag}`;
  return {
    channel: 'sms',
    providerMessageId: `SM-bench-${tag}`,
    reporter: { address: `+1555700${String(n).padStart(4, '0')}` },
    text,
    media: [],
    raw: {},
    // 220 m apart on a line through Roxbury and the South End: inside the city, and never linked as duplicates.
    location: { lat: 42.28 + (n % 45) * 0.002, lon: n < 45 ? -71.08 : -71.1 },
  };
}

function summary(label: string, ms: number[], target: number): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return `${label}: ${s.length} cases, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${s[s.length - 1]} ms (target p99 < ${target} ms: ${at(0.99) < target ? 'met' : 'NOT met'})`;
}

async function main(): Promise<void> {
  const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-bench-conn-'));
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const downstream = await new Open311Downstream().start();
  const db = createPgDatabase(DATABASE_URL, { schema, poolSize: 20 });
  const queue = new BullQueue(REDIS_URL, schema);
  const stops: Array<() => Promise<void>> = [];
  try {
    await migrate(db);
    const file = path.join(dir, 'connectors.json');
    const crm = { id: 'crm', type: 'open311', endpoint: downstream.url, api_key: downstream.apiKey, service_codes: '*', poll_seconds: 0 };
    fs.writeFileSync(file, JSON.stringify({ connectors: [crm] }));
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      DATA_DIR: dir,
      CONNECTORS_PATH: file,
      ...(process.env.OUTBOX_POLL_MS ? { OUTBOX_POLL_MS: process.env.OUTBOX_POLL_MS } : {}),
    });
    const worker = await buildContext(config, { db, queue });
    stops.push(await startOutbound(worker, worker.channels));
    stops.push(await startConnectors(worker));
    // The web process: same database, its own signals, so nothing it writes wakes the worker.
    const web = await buildContext(config, { db, queue: new MemoryQueue() });

    let filed = 0;
    for (const [label, ctx, target, gapMs] of [
      ['polled (another process wrote the case)', web, 2000, config.outboxPollMs],
      ['woken (in-process signal)', worker, 200, 200],
    ] as const) {
      const latencies: number[] = [];
      const parts = { submit: [] as number[], toClaim: [] as number[], claimToAccepted: [] as number[] };
      for (let i = 0; i < CASES; i++) {
        const tag = crypto.randomBytes(4).toString('hex');
        const t0 = Date.now();
        const out = await ctx.intake.submit(report(filed++, tag));
        const submitted = Date.now();
        await until(() => downstream.requests.some((r) => String(r.form.description).includes(tag)), `case ${tag} downstream`, 15_000, 2);
        const accepted = downstream.requests.find((r) => String(r.form.description).includes(tag))!.createdAt;
        latencies.push(accepted - t0);
        const { rows } = await db.query<{ claimed_at: Date }>('SELECT claimed_at FROM connector_deliveries WHERE case_id = $1', [
          out.case!.service_request_id,
        ]);
        const claimed = new Date(rows[0].claimed_at).getTime();
        parts.submit.push(submitted - t0);
        parts.toClaim.push(claimed - submitted);
        parts.claimToAccepted.push(accepted - claimed);
        // A random gap, so arrivals are spread over the relay's poll interval rather than locked to it.
        await new Promise((r) => setTimeout(r, Math.random() * gapMs));
      }
      console.log(summary(label, latencies, target));
      const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
      console.log(
        `  where the time goes (p50): intake commit ${median(parts.submit)} ms, commit -> claimed by the worker ${median(parts.toClaim)} ms, claimed -> downstream accepted ${median(parts.claimToAccepted)} ms`,
      );
    }
    console.log(`relay poll: ${config.outboxPollMs} ms (OUTBOX_POLL_MS); queue: BullMQ on Redis; downstream: loopback fake Open311 CRM`);
  } finally {
    for (const stop of stops.reverse()) await stop();
    await queue.close();
    await db.close();
    await downstream.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    await dropRedisPrefix(schema, REDIS_URL);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
