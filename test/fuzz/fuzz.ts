/**
 * npm run fuzz — sends seeded malformed requests to every route of the app, started in this process on an
 * ephemeral 127.0.0.1 port against a fresh schema of the test PostgreSQL server (dropped afterwards):
 * unauthenticated garbage, and Twilio/X webhooks, Open311 POSTs and staff API calls that carry valid
 * signatures or keys but malformed fields. Prints counts per status class and per route, and exits 1 on any 5xx.
 *
 * Env: FUZZ_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), FUZZ_REQUESTS (default 20000),
 * FUZZ_SECONDS (stop after this long, default 300), FUZZ_SEED (default 311), FUZZ_CONCURRENCY (default 8).
 */
import crypto from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../../src/storage/migrate';
import { createPgDatabase } from '../../src/storage/pg-database';
import { startFuzzServer } from './fuzz-server';
import { formatReport, runFuzz } from './run-fuzz';

const DATABASE_URL = process.env.FUZZ_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 20_000);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 311);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 8);

async function main(): Promise<number> {
  const schema = `fuzz_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = createPgDatabase(DATABASE_URL, { schema, poolSize: 10 });
  try {
    await migrate(db);
    const server = await startFuzzServer(db);
    try {
      console.log(`intake311 fuzz — ${server.routes.length} routes, seed ${SEED}, up to ${TOTAL} requests or ${SECONDS} s, ${CONCURRENCY} in flight`);
      const report = await runFuzz({
        baseUrl: server.baseUrl,
        routes: server.routes,
        secrets: server.secrets,
        total: TOTAL,
        seed: SEED,
        concurrency: CONCURRENCY,
        maxSeconds: SECONDS,
      });
      console.log(formatReport(report));
      const logged = [...new Set(server.loggedErrors)];
      if (logged.length)
        console.log(
          `errors the app logged (${logged.length} distinct):\n${logged
            .slice(0, 30)
            .map((m) => `  ${m}`)
            .join('\n')}`,
        );
      const ok = (report.byClass['2xx'] ?? 0) + (report.byClass['3xx'] ?? 0) + (report.byClass['4xx'] ?? 0);
      return ok === report.requests ? 0 : 1;
    } finally {
      await server.close();
    }
  } finally {
    await db.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
