/**
 * npm run bench:intake — the real signed Twilio webhook `POST /channels/sms` carrying a complete one-message report
 * (what, where and a photo, so it becomes a case at once), over HTTP on loopback against real PostgreSQL, beside a
 * bare express route in the same server process. Prints requests/s, p50/p99, the ratio to the bare route, and the
 * database round trips per report (every statement the process sent, counted at the database port).
 * Target (issue 13): >= 1,000 req/s, p99 < 100 ms, >= 0.25 of the bare route's throughput.
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_REQUESTS (default 5000),
 * BENCH_CONCURRENCY (default 32), BENCH_POOL (database connections, default 16), BENCH_PROFILE_DIR (write a CPU
 * profile of the server process there).
 */
import { type ChildProcess, fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { Client } from 'pg';
import twilio from 'twilio';
import { smsChannel } from '../../channels/sms';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/http/app';
import { buildContext } from '../../src/runtime';
import { simulationSecret } from '../../src/simulation-secret';
import type { Database } from '../../src/storage/database';
import { migrate } from '../../src/storage/migrate';
import { createPgDatabase } from '../../src/storage/pg-database';
import { formatLoad, runLoad } from './load';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const POOL = Number(process.env.BENCH_POOL ?? 16);
const BASE_URL = 'http://bench.intake311.test';
const dataDir = (schema: string) => path.join(os.tmpdir(), `intake311-bench-${schema}`);

/** The database, counting every statement sent (a transaction's BEGIN and COMMIT included). */
function counting(db: Database): { db: Database; count: () => number } {
  let n = 0;
  const counted: Database = {
    ...db,
    query: (text, params) => {
      n++;
      return db.query(text, params);
    },
    transaction: (fn) => {
      n += 2;
      return db.transaction((tx) =>
        fn({
          query: (text, params) => {
            n++;
            return tx.query(text, params);
          },
        }),
      );
    },
  };
  return { db: counted, count: () => n };
}

async function serve(schema: string): Promise<void> {
  // A clean exit on the parent's kill, so a CPU profile (BENCH_PROFILE_DIR) is written.
  process.on('SIGTERM', () => process.exit(0));
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir(schema), PUBLIC_BASE_URL: BASE_URL, TRY_PAGE: 'off' });
  const meter = counting(createPgDatabase(DATABASE_URL, { schema, poolSize: POOL }));
  const ctx = await buildContext(config, { db: meter.db, channels: [smsChannel] });
  // The bench's own routes come first: the service's app answers 404 for anything it does not know.
  const app = express();
  app.get('/bare', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/bench/statements', (_req, res) => {
    res.json({ statements: meter.count() });
  });
  app.use(createApp(ctx, [smsChannel]));
  const server = app.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as { port: number }).port, secret: simulationSecret(config.dataDir) });
  });
}

/**
 * A resident's text as Twilio posts it, signed over URL + fields. Step 0 is a complete report (problem, place and a
 * photo); the service reads the place back once ("12 Elm St, Charlestown? Reply YES..."), and step 1 is the YES.
 */
function signedReport(secret: string, i: number, step: 0 | 1 = 0): { body: string; signature: string } {
  const texts = [
    'big pothole outside 12 Elm St',
    'graffiti on the wall at 45 Main St',
    'streetlight out at 30 Beacon St',
    'pothole at Tremont St and Boylston St',
  ];
  const from = `+1617555${String(i % 10000).padStart(4, '0')}`;
  const params: Record<string, string> =
    step === 0
      ? {
          MessageSid: `SMbench${String(i).padStart(10, '0')}`,
          AccountSid: 'ACbench',
          From: from,
          To: '+16175550311',
          Body: texts[i % texts.length],
          NumMedia: '1',
          MediaUrl0: `https://media.example.org/bench/${i}.jpg`,
          MediaContentType0: 'image/jpeg',
        }
      : { MessageSid: `SMbenchyes${String(i).padStart(10, '0')}`, AccountSid: 'ACbench', From: from, To: '+16175550311', Body: 'YES', NumMedia: '0' };
  return { body: new URLSearchParams(params).toString(), signature: twilio.getExpectedTwilioSignature(secret, `${BASE_URL}/channels/sms`, params) };
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
    child = fork(__filename, ['serve', schema], {
      stdio: 'inherit',
      execArgv: process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [],
    });
    const { port, secret } = await new Promise<{ port: number; secret: string }>((resolve, reject) => {
      child!.once('message', (m: { port: number; secret: string }) => resolve(m));
      child!.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const reports = new Map<string, { body: string; signature: string }>();
    const report = (i: number, step: 0 | 1) => {
      const key = `${i}:${step}`;
      if (!reports.has(key)) reports.set(key, signedReport(secret, i, step));
      return reports.get(key)!;
    };
    const sms = (offset: number, total: number, maxSeconds: number, step: 0 | 1 = 0) =>
      runLoad({
        url: `${base}/channels/sms`,
        method: 'POST',
        contentType: 'application/x-www-form-urlencoded',
        body: (i) => report(offset + i, step).body,
        headers: (i) => ({ 'x-twilio-signature': report(offset + i, step).signature }),
        total,
        concurrency: CONCURRENCY,
        maxSeconds,
      });
    const statements = async () => ((await (await fetch(`${base}/bench/statements`)).json()) as { statements: number }).statements;

    await runLoad({ url: `${base}/bare`, method: 'GET', total: 500, concurrency: CONCURRENCY, maxSeconds: 10 });
    await sms(TOTAL * 2, 300, 10);
    const bare = await runLoad({ url: `${base}/bare`, method: 'GET', total: TOTAL, concurrency: CONCURRENCY, maxSeconds: 60 });
    const before = await statements();
    const intake = await sms(0, TOTAL, 120);
    // Every resident then confirms the place read back to them: that reply files the case.
    const confirm = await sms(0, TOTAL, 120, 1);
    const perReport = (await statements()) - before;
    const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.cases WHERE channel = 'sms'`);

    console.log(
      `intake311 bench:intake — ${TOTAL} signed SMS webhooks, ${CONCURRENCY} in flight, PostgreSQL at ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`,
    );
    console.log(formatLoad('bare express', bare));
    console.log(formatLoad('POST /channels/sms (the report)', intake));
    console.log(formatLoad('POST /channels/sms (the YES)', confirm));
    console.log(`ratio (sms webhook / bare throughput): ${(intake.perSecond / bare.perSecond).toFixed(2)}`);
    console.log(
      `database round trips per complete report (two texts): ${(perReport / Math.max(intake.requests, 1)).toFixed(2)} (${rows[0].n} cases: the reports name 4 places, so the rest are linked to them as duplicates)`,
    );
    console.log(
      `target: >= 1000 req/s ${intake.perSecond >= 1000 ? 'met' : 'NOT met'}, p99 < 100 ms ${intake.p99 < 100 ? 'met' : 'NOT met'}, >= 0.25 of bare ${intake.perSecond >= bare.perSecond / 4 ? 'met' : 'NOT met'}`,
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
