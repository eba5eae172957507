/**
 * npm run bench:intake — the intake path over HTTP on loopback against real PostgreSQL, beside a bare
 * express 200 route in the same server process. Prints requests/s, p50/p99 and the ratio.
 * Target: >= 1,000 req/s with p99 < 100 ms, and at least half the bare route's throughput.
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_REQUESTS (default 5000),
 * BENCH_CONCURRENCY (default 32), BENCH_POOL (database connections, default 16).
 */
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import { buildContext } from '../../src/runtime';
import { createPgDatabase } from '../../src/storage/pg-database';
import { migrate } from '../../src/storage/migrate';
import { formatLoad, runLoad } from './load';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const POOL = Number(process.env.BENCH_POOL ?? 16);
const dataDir = (schema: string) => path.join(os.tmpdir(), `intake311-bench-${schema}`);

async function serve(schema: string): Promise<void> {
  const db = createPgDatabase(DATABASE_URL, { schema, poolSize: POOL });
  const ctx = await buildContext(loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir(schema) }), { db, channels: [] });
  const app = express();
  app.get('/bare', (_req, res) => {
    res.json({ ok: true });
  });
  // The same intake call every channel makes: a normalised report, idempotent on its message id.
  app.post('/report', express.json(), async (req, res) => {
    const out = await ctx.intake.submit({
      channel: 'sms',
      providerMessageId: String(req.body.id),
      reporter: { address: String(req.body.from) },
      text: String(req.body.text),
      media: [],
      raw: req.body,
    });
    res.json({ service_request_id: out.case.service_request_id });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as { port: number }).port });
  });
}

async function main(): Promise<void> {
  const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = createPgDatabase(DATABASE_URL, { schema });
  await migrate(db);
  await db.close();

  let child: ChildProcess | undefined;
  try {
    child = fork(__filename, ['serve', schema], { stdio: 'inherit' });
    const port = await new Promise<number>((resolve, reject) => {
      child!.once('message', (m: { port: number }) => resolve(m.port));
      child!.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const texts = ['big pothole outside 12 Elm St', 'graffiti on the wall at 45 Main St', 'streetlight out on Beacon St', 'car parked on the sidewalk'];
    const report = (i: number) => JSON.stringify({ id: `bench-${i}`, from: `+1617555${String(i % 10000).padStart(4, '0')}`, text: texts[i % texts.length] });

    await runLoad({ url: `${base}/bare`, method: 'GET', total: 500, concurrency: CONCURRENCY, maxSeconds: 10 });
    await runLoad({ url: `${base}/report`, method: 'POST', body: (i) => report(TOTAL + i), total: 300, concurrency: CONCURRENCY, maxSeconds: 10 });
    const bare = await runLoad({ url: `${base}/bare`, method: 'GET', total: TOTAL, concurrency: CONCURRENCY, maxSeconds: 60 });
    const intake = await runLoad({ url: `${base}/report`, method: 'POST', body: report, total: TOTAL, concurrency: CONCURRENCY, maxSeconds: 120 });

    console.log(`intake311 bench:intake — ${TOTAL} requests, ${CONCURRENCY} in flight, PostgreSQL at ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`);
    console.log(formatLoad('bare express', bare));
    console.log(formatLoad('intake', intake));
    console.log(`ratio (intake / bare throughput): ${(intake.perSecond / bare.perSecond).toFixed(2)}`);
    console.log(
      `target: >= 1000 req/s ${intake.perSecond >= 1000 ? 'met' : 'NOT met'}, p99 < 100 ms ${intake.p99 < 100 ? 'met' : 'NOT met'}, >= 0.5 of bare ${intake.perSecond >= bare.perSecond / 2 ? 'met' : 'NOT met'}`,
    );
  } finally {
    child?.kill();
    fs.rmSync(dataDir(schema), { recursive: true, force: true });
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

if (process.argv[2] === 'serve') {
  void serve(process.argv[3]);
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
