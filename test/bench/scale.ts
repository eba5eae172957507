/**
 * npm run bench:scale — how read and intake latency grow with the case store. For each size (default 10,000,
 * 100,000 and 1,000,000 cases) it seeds the cases and their history, inbound messages, recordings,
 * subscriptions and outbox rows into its own schema on real PostgreSQL (scale-seed.ts), then measures p50/p99
 * at a bounded concurrency for every probe in scale-probes.ts against a server in its own process. It prints
 * one table with a column per size, the p50 growth from the second-largest to the largest size beside the
 * growth of log N, and the database size. The schema is dropped at the end (unless --keep), on failure and on Ctrl-C.
 *
 * Flags: --sizes 10000,100000 (a quick run: under 2 minutes), --requests N per probe (default 1000, each probe stops after 3 s),
 * --concurrency N (default: one per web process), --servers N (web processes, default 2 as docs/deployment.md runs them; requests go
 * round-robin), --probes REGEX (only the probes whose name matches), --explain MS (print EXPLAIN (ANALYZE, BUFFERS) of each statement slower than MS, once),
 * --profile DIR (a CPU profile of each web process), --keep (leave the last store's schema for psql).
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
import { type ChildProcess, fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadCatalog } from '../../src/catalog/catalog';
import { loadConfig } from '../../src/config';
import { maskCaseText } from '../../src/domain/public-text';
import { createApp } from '../../src/http/app';
import { buildContext } from '../../src/runtime';
import { migrate } from '../../src/storage/migrate';
import { createPgDatabase } from '../../src/storage/pg-database';
import { createSession } from '../../src/storage/staff-sessions-repo';
import { insertStaffUser } from '../../src/storage/staff-users-repo';
import { createToken } from '../../src/storage/tokens-repo';
import { explaining } from './scale-explain';
import { type Figure, PROBES, type ProbeData } from './scale-probes';
import { categorySlots, seed, seededIds } from './scale-seed';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TRAINING_CSV = path.resolve(__dirname, '../../../../shared/data/reports-train.csv');
const fallbackCsv = path.resolve(process.cwd(), '../shared/data/reports-train.csv');

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function positive(name: string, raw: string): number {
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`bench:scale: --${name} must be a positive whole number, got "${raw}"`);
  return n;
}

/**
 * The service's planner settings (DATABASE_PARALLEL_WORKERS, DATABASE_RANDOM_PAGE_COST), its defaults or the bench's
 * environment's, for the web processes and for the queries the bench calls as the service does: run with
 * DATABASE_RANDOM_PAGE_COST=4 to compare PostgreSQL's own default.
 */
function plannerSettings(): { parallelWorkers: number; randomPageCost: number } {
  const keys = ['DATABASE_PARALLEL_WORKERS', 'DATABASE_RANDOM_PAGE_COST'];
  const { parallelWorkers, randomPageCost } = loadConfig(
    Object.fromEntries(keys.flatMap((k) => (process.env[k] ? [[k, process.env[k] as string]] : []))),
  ).database;
  return { parallelWorkers, randomPageCost };
}

async function serve(schema: string, dataDir: string): Promise<void> {
  process.on('SIGTERM', () => process.exit(0));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    PUBLIC_BASE_URL: 'http://bench.intake311.test',
    TRY_PAGE: 'off',
    RATE_LIMIT_OPEN311_POSTS: 'off',
    RATE_LIMIT_AUTH_FAILURES: 'off',
  });
  const pg = createPgDatabase(DATABASE_URL, { schema, poolSize: 10, ...plannerSettings() });
  const db = process.env.BENCH_EXPLAIN_MS ? explaining(pg, Number(process.env.BENCH_EXPLAIN_MS), (t) => console.error(t)) : pg;
  const ctx = await buildContext(config, { db });
  const server = createApp(ctx, ctx.channels).listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as { port: number }).port });
  });
}

function cell(f: Figure | undefined): string {
  if (!f) return '';
  const kb = (b: number) => `${b < 10_240 ? (b / 1024).toFixed(1) : (b / 1024).toFixed(0)}K`;
  const gz = f.bytes !== undefined && f.gzipBytes !== undefined && f.bytes >= 102_400 ? ` (gz ${kb(f.gzipBytes)})` : '';
  const size = f.bytes === undefined ? '' : ` ${kb(f.bytes)}${gz}`;
  return `${f.p50.toFixed(1)} / ${f.p99.toFixed(1)}${size}${f.samples < 50 ? ` n=${f.samples}` : ''}${f.errors ? ` ${f.errors} err` : ''}`;
}

async function databaseBytes(c: Client, schema: string): Promise<Array<{ table: string; bytes: number }>> {
  const { rows } = await c.query<{ table: string; bytes: string }>(
    `SELECT c.relname AS table, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 2 DESC`,
    [schema],
  );
  return rows.map((r) => ({ table: r.table, bytes: Number(r.bytes) }));
}

/**
 * The seed stores each case's public mask as intake does, taking the synthetic text as its own mask; this checks that
 * on a sample, so the public reads measured are the ones a store filled by intake gets.
 */
async function checkSeededMasks(c: Client): Promise<void> {
  const { rows } = await c.query<{
    description: string;
    public_description: string | null;
    address: string | null;
    masked_description: string;
    masked_address: string | null;
  }>('SELECT description, public_description, address, masked_description, masked_address FROM cases TABLESAMPLE SYSTEM (1) LIMIT 2000');
  const wrong = rows.find((r) => {
    const m = maskCaseText(r);
    return m.masked_description !== r.masked_description || m.masked_address !== r.masked_address;
  });
  if (wrong) throw new Error(`bench:scale: a seeded mask differs from maskPersonalData's: "${wrong.description}"`);
}

const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;

async function main(): Promise<void> {
  const sizes = (flag('sizes') ?? '10000,100000,1000000').split(',').map((s) => positive('sizes', s));
  // 1,000 a probe (each stops after 3 s anyway): a p99 of 200 samples is their second worst, one stall's worth.
  const requests = positive('requests', flag('requests') ?? '1000');
  const servers = positive('servers', flag('servers') ?? '2');
  // One request in flight per web process: on two cores that already keeps both 86-93% busy (vmstat; the load
  // generator, the web processes and PostgreSQL share them), so more in flight measures waiting in line, not the
  // read. --concurrency 8 shows that.
  const concurrency = positive('concurrency', flag('concurrency') ?? String(servers));
  const explainMs = flag('explain') ? positive('explain', flag('explain')!) : undefined;
  // --profile DIR: each web process writes a CPU profile (node --cpu-prof) to DIR when the bench stops it.
  const profileDir = flag('profile') ? path.resolve(flag('profile')!) : undefined;
  // --keep: a run that ends normally leaves its schema (the last size's store) for EXPLAIN by hand in psql.
  const keep = process.argv.includes('--keep');
  const only = flag('probes') ? new RegExp(flag('probes')!, 'i') : undefined;
  const probes = PROBES.filter((p) => !only || only.test(p.name));
  if (!probes.length) throw new Error(`bench:scale: --probes "${flag('probes')}" matches no probe name`);
  const csv = [TRAINING_CSV, fallbackCsv].find((p) => fs.existsSync(p));
  if (!csv) throw new Error('bench:scale: ../shared/data/reports-train.csv not found (the category mix is read from it)');
  const catalog = loadCatalog(loadConfig({}).catalogPath);
  const slots = categorySlots(csv, catalog.codes());
  const departments = Object.fromEntries(catalog.services.map((s) => [s.service_code, s.department]));

  const schema = `bench_scale_${crypto.randomBytes(4).toString('hex')}`;
  const dataDir = path.join(os.tmpdir(), `intake311-${schema}`);
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  const children: ChildProcess[] = [];
  let cleaned = false;
  let completed = false;
  const cleanup = async (keepSchema = false) => {
    if (cleaned) return;
    cleaned = true;
    for (const c of children) c.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (keepSchema) {
      console.error(`bench:scale: kept schema ${schema}; drop it with: psql ${DATABASE_URL} -c 'DROP SCHEMA ${schema} CASCADE'`);
      return;
    }
    // Another connection: the seeding one may be busy in a statement that Ctrl-C interrupted.
    const c = new Client({ connectionString: DATABASE_URL });
    await c.connect();
    await c.query('SELECT pg_cancel_backend($1)', [(admin as unknown as { processID: number }).processID]).catch(() => undefined);
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
    console.error(`bench:scale: dropped schema ${schema}`);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  }

  const pg = createPgDatabase(DATABASE_URL, { schema, poolSize: concurrency + 2, statementTimeoutMs: 120_000, ...plannerSettings() });
  const db = explainMs ? explaining(pg, explainMs, (t) => console.error(t)) : pg;
  const results = new Map<string, Map<number, Figure>>();
  const sizesBytes = new Map<number, number>();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`SET search_path = ${schema}`);
    await admin.query('SET statement_timeout = 0');
    await migrate(db);
    const staffToken = await createToken(db, 'bench-staff', 'staff');
    const open311Key = await createToken(db, 'bench-app', 'open311');
    const agent = await insertStaffUser(db, { email: 'agent@bench.intake311.test', name: 'Bench Agent', role: 'agent', departments: [] });
    const staffCookie = `i311_staff=${await createSession(db, agent.id, 24)}`;
    const explainEnv = explainMs ? { BENCH_EXPLAIN_MS: String(explainMs) } : {};
    // The web processes, as the deployment guide runs them (one per port, one database, one DATA_DIR).
    const ports: number[] = [];
    for (let k = 0; k < servers; k++) {
      const server = fork(__filename, ['serve', schema, dataDir], {
        stdio: 'inherit',
        env: { ...process.env, ...explainEnv },
        execArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      });
      children.push(server);
      const { port } = await new Promise<{ port: number }>((resolve, reject) => {
        server.once('message', (m: { port: number }) => resolve(m));
        server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
      });
      ports.push(port);
    }
    const posted = { n: 0 };

    for (const n of sizes) {
      const t0 = Date.now();
      await seed(admin, n, slots, { departments, assigneeId: agent.id }, (done) =>
        process.stderr.write(`\rbench:scale: seeding ${done.toLocaleString('en-US')} / ${n.toLocaleString('en-US')} cases`),
      );
      process.stderr.write(` (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
      sizesBytes.set(
        n,
        (await databaseBytes(admin, schema)).reduce((a, t) => a + t.bytes, 0),
      );
      const ids = await admin.query<{ id: string }>('SELECT service_request_id AS id FROM cases TABLESAMPLE SYSTEM (1) WHERE public LIMIT 500');
      const maxEvent = await admin.query<{ id: string }>('SELECT max(id) AS id FROM case_events');
      const { first, last } = seededIds(n);
      const data: ProbeData = {
        bases: ports.map((port) => `http://127.0.0.1:${port}`),
        staffToken,
        open311Key,
        staffCookie,
        // Seeded addresses are "(g % 400) Example St": one number in 400 cases.
        searchWord: '217',
        publicIds: ids.rows.map((r) => Number(r.id)),
        midId: Math.floor((first + last) / 2),
        maxEventId: Number(maxEvent.rows[0].id),
        db,
        requests,
        concurrency,
        posted,
      };
      await checkSeededMasks(admin);
      const ordered = [...probes.filter((p) => !p.writes), ...probes.filter((p) => p.writes)];
      for (const probe of ordered) {
        process.stderr.write(`\rbench:scale: ${n.toLocaleString('en-US')} cases: ${probe.name}`.padEnd(90));
        if (!results.has(probe.name)) results.set(probe.name, new Map());
        results.get(probe.name)!.set(n, await probe.run(data));
      }
      process.stderr.write('\n');
    }

    const top = sizes[sizes.length - 1];
    const prev = sizes.length > 1 ? sizes[sizes.length - 2] : undefined;
    const logGrowth = prev ? Math.log(top) / Math.log(prev) : undefined;
    console.log(
      `\nintake311 bench:scale — p50 / p99 in ms (and the size of one answer; n = samples when fewer than 50 fit in 3 s), ${concurrency} in flight over ${servers} web process${servers === 1 ? '' : 'es'}, ${requests} requests per probe, ${os.cpus().length} cores, PostgreSQL at ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`,
    );
    // Growth is told by the p50: a p99 of one probe is a handful of samples, and one stall (a checkpoint, a
    // collection) moves it more than the store's size does.
    const header = ['probe', ...sizes.map((s) => `${s.toLocaleString('en-US')} cases`), prev ? `p50 x (log N: x${logGrowth!.toFixed(2)})` : ''];
    const widths = [52, ...sizes.map(() => 30), 22];
    const line = (cols: string[]) => cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ');
    console.log(line(header));
    for (const probe of probes) {
      const row = results.get(probe.name)!;
      const growth = prev ? row.get(top)!.p50 / row.get(prev)!.p50 : undefined;
      const flagged = growth !== undefined && logGrowth !== undefined && growth > logGrowth * 1.5 && row.get(top)!.p50 > 5 ? ' !' : '';
      console.log(line([probe.name, ...sizes.map((s) => cell(row.get(s))), growth === undefined ? '' : `x${growth.toFixed(2)}${flagged}`]));
    }
    console.log(line(['database size (pg_total_relation_size)', ...sizes.map((s) => mb(sizesBytes.get(s)!)), '']));
    const tables = await databaseBytes(admin, schema);
    console.log(
      `at ${top.toLocaleString('en-US')} cases: ${tables
        .filter((t) => t.bytes > 1048576)
        .map((t) => `${t.table} ${mb(t.bytes)}`)
        .join(', ')}`,
    );
    completed = true;
    const slow = probes.filter((p) => !p.writes && results.get(p.name)!.get(top)!.p99 >= 50).map((p) => p.name);
    console.log(`reads with p99 >= 50 ms at ${top.toLocaleString('en-US')} cases: ${slow.length ? slow.join('; ') : 'none'}`);
  } finally {
    await db.close();
    await admin.end();
    await cleanup(keep && completed);
  }
}

if (process.argv[2] === 'serve') {
  void serve(process.argv[3], process.argv[4]);
} else {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
