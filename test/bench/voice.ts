/**
 * npm run bench:voice — whole phone calls driven as Twilio drives them (signed webhooks, TwiML read back,
 * redirects followed, the final status callback) against the real voice and SMS channels in a server child
 * process: real PostgreSQL, simulated Twilio, Google in fallback mode (Twilio's own speech recognition),
 * outbound workers in-process as in embedded mode. Prints p50/p95/p99/max of every webhook per route and
 * overall, and checks in the database that each call made exactly one case and heard its tracking number.
 * Target (issue 7): the synchronous TwiML path answers with p99 < 200 ms.
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_CALLS (default 200),
 * BENCH_CONCURRENCY (calls in flight, default 10), BENCH_WARMUP (calls before measuring, default 20),
 * BENCH_MAX_SECONDS (no new call starts after this, default 120), BENCH_POOL (database connections, default 10).
 */
import { type ChildProcess, fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Client } from 'pg';
import { smsChannel } from '../../channels/sms';
import { voiceChannel } from '../../channels/voice';
import { digitByDigit } from '../../channels/voice/prompts';
import { VoiceCall } from '../../channels/voice/simulated-call';
import type { CallTurn, SimulatorLink } from '../../src/channels/simulator';
import { loadConfig } from '../../src/config';
import { buildContext, startWeb } from '../../src/runtime';
import { simulationSecret } from '../../src/simulation-secret';
import { migrate } from '../../src/storage/migrate';
import { createPgDatabase } from '../../src/storage/pg-database';
import { simulatorLink } from '../../src/try/link';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 120);
const POOL = Number(process.env.BENCH_POOL ?? 10);
const TARGET_P99_MS = 200;
/** The URL Twilio is configured with: a proxy's public name, as in production; requests go to loopback. */
const PUBLIC_BASE_URL = 'https://intake311.bench.invalid';
const CITY_NUMBER = '+15550000311';
/** A whole call is about ten webhooks; more means the flow loops. */
const MAX_TURNS = 20;

const REPORTS = {
  en: [
    'there is a big pothole in the road outside my house',
    'graffiti all over the wall of the school',
    'the streetlight on my block has been out for a week',
    'a car has been parked on the sidewalk for days',
    'the trash was not picked up this week',
  ],
  es: [
    'hay un bache enorme en la calle frente a mi casa',
    'hay grafiti en toda la pared de la escuela',
    'la luz de la calle no funciona desde hace una semana',
    'un carro abandonado lleva días estacionado en la acera',
    'no recogieron la basura esta semana',
  ],
} as const;
const STREETS = ['Main Street', 'Elm Street', 'Beacon Street', 'Tremont Street', 'Washington Street'];

/** Webhook latencies (ms) as Twilio would see them, by route path. */
class Latencies {
  readonly byRoute = new Map<string, number[]>();
  errors = 0;

  add(path: string, ms: number, status: number): void {
    const route = path.split('?')[0];
    const values = this.byRoute.get(route) ?? [];
    values.push(ms);
    this.byRoute.set(route, values);
    if (status >= 400) this.errors++;
  }

  all(): number[] {
    return [...this.byRoute.values()].flat();
  }
}

/** Twilio's side of the call, timing every webhook from request to the last byte of the TwiML. */
function timedLink(options: Parameters<typeof simulatorLink>[0], sink: Latencies): SimulatorLink & { lastPath: string } {
  const link = simulatorLink(options);
  const timed = {
    ...link,
    lastPath: '',
    async post(pathWithQuery: string, body: string, headers: Record<string, string>) {
      const t0 = process.hrtime.bigint();
      const reply = await link.post(pathWithQuery, body, headers);
      sink.add(pathWithQuery, Number(process.hrtime.bigint() - t0) / 1e6, reply.status);
      timed.lastPath = pathWithQuery.split('?')[0];
      return reply;
    },
  };
  return timed;
}

/** What the caller of call `i` does: language, description, address spoken or typed, then 1 to every question. */
function callerScript(i: number) {
  const language = i % 2 === 0 ? 'en' : 'es';
  const house = String(10 + (i % 990));
  const street = STREETS[i % STREETS.length];
  const typesHouseNumber = i % 3 === 0;
  return {
    language,
    from: `+1617555${String(i % 10000).padStart(4, '0')}`,
    answer(lastPath: string, turn: CallTurn): string {
      switch (lastPath) {
        case '/channels/voice':
          return language === 'en' ? '1' : '2';
        case '/channels/voice/language':
          return REPORTS[language][i % REPORTS[language].length];
        case '/channels/voice/described':
          return typesHouseNumber ? `${house}#` : `${house} ${street}`;
        default:
          // The street question listens for speech only; every other later prompt is a keypad menu where
          // 1 means yes: the address is right, the category is right, text me updates.
          return turn.waiting?.kind === 'gather' && !turn.waiting.dtmf ? street : '1';
      }
    },
  };
}

interface CallResult {
  callSid: string;
  language: string;
  ended: boolean;
  heard: string;
  error?: string;
}

async function runCall(i: number, base: { secret: string; target: string }, sink: Latencies): Promise<CallResult> {
  const script = callerScript(i);
  const link = timedLink({ secret: base.secret, publicBaseUrl: PUBLIC_BASE_URL, targetBaseUrl: base.target }, sink);
  const call = new VoiceCall(link, script.from, CITY_NUMBER);
  const heard: string[] = [];
  try {
    let turn = await call.start();
    for (let n = 0; !turn.ended && n < MAX_TURNS; n++) {
      heard.push(...turn.prompts);
      turn = await call.answer(script.answer(link.lastPath, turn));
    }
    heard.push(...turn.prompts);
    return { callSid: call.id, language: script.language, ended: turn.ended, heard: heard.join(' ') };
  } catch (err) {
    return { callSid: call.id, language: script.language, ended: false, heard: heard.join(' '), error: (err as Error).message };
  }
}

/** Runs calls first..first+count-1 with CONCURRENCY in flight; no new call starts after `deadline`. */
async function runCalls(
  first: number,
  count: number,
  base: { secret: string; target: string },
  sink: Latencies,
  deadline: number,
): Promise<CallResult[]> {
  const results: CallResult[] = [];
  let next = first;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < first + count && Date.now() < deadline) results.push(await runCall(next++, base, sink));
    }),
  );
  return results;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;
}

function formatRow(name: string, values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  const ms = (v: number) => v.toFixed(1).padStart(7);
  return `${name.padEnd(34)} ${String(s.length).padStart(6)}  p50 ${ms(percentile(s, 50))}  p95 ${ms(percentile(s, 95))}  p99 ${ms(percentile(s, 99))}  max ${ms(s[s.length - 1] ?? NaN)} ms`;
}

/** In the database: one case per call, in the caller's language, whose number the caller heard, and SMS follow-ups. */
async function verify(admin: Client, schema: string, calls: CallResult[]) {
  const { rows } = await admin.query<{ call_sid: string; case_id: number | null; language: string | null; subscribed: boolean }>(
    `SELECT m.provider_message_id AS call_sid, m.case_id::int AS case_id, c.language,
            EXISTS (SELECT 1 FROM ${schema}.subscriptions s WHERE s.case_id = c.service_request_id AND s.channel = 'sms') AS subscribed
       FROM ${schema}.inbound_messages m LEFT JOIN ${schema}.cases c ON c.service_request_id = m.case_id
      WHERE m.channel = 'voice' AND m.provider_message_id = ANY($1)`,
    [calls.map((c) => c.callSid)],
  );
  const bySid = new Map(rows.map((r) => [r.call_sid, r]));
  const total = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.cases WHERE channel = 'voice'`);
  const filed = calls.filter((c) => bySid.get(c.callSid)?.case_id);
  return {
    oneCaseEach:
      filed.length === calls.length &&
      new Set(filed.map((c) => bySid.get(c.callSid)!.case_id)).size === calls.length &&
      total.rows[0].n === calls.length,
    voiceCases: total.rows[0].n,
    rightLanguage: filed.filter((c) => bySid.get(c.callSid)!.language === c.language).length,
    heardNumber: filed.filter((c) => c.heard.includes(digitByDigit(bySid.get(c.callSid)!.case_id!))).length,
    textUpdates: filed.filter((c) => bySid.get(c.callSid)!.subscribed).length,
  };
}

async function serve(schema: string, dataDir: string): Promise<void> {
  const db = createPgDatabase(DATABASE_URL, { schema, poolSize: POOL });
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, PORT: '0', PUBLIC_BASE_URL });
  const ctx = await buildContext(config, { db, channels: [voiceChannel, smsChannel] });
  const web = await startWeb(ctx, ctx.channels);
  // If the bench dies, so does its server.
  process.on('disconnect', () => process.exit(1));
  process.on('message', (m) => {
    if (m !== 'stop') return;
    void (async () => {
      await web.stop();
      await ctx.queue.close();
      await db.close();
      process.exit(0);
    })();
  });
  process.send?.({ port: (web.server.address() as { port: number }).port });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send('stop');
  const force = setTimeout(() => child.kill(), 10_000);
  await exited;
  clearTimeout(force);
}

async function main(): Promise<void> {
  const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
  const dataDir = `/tmp/intake311-bench-voice-${schema}`;
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  let child: ChildProcess | undefined;
  try {
    const db = createPgDatabase(DATABASE_URL, { schema });
    await migrate(db);
    await db.close();

    child = fork(__filename, ['serve', schema, dataDir], { stdio: 'inherit' });
    const port = await new Promise<number>((resolve, reject) => {
      child!.once('message', (m: { port: number }) => resolve(m.port));
      child!.once('exit', (code) => reject(new Error(`bench: the server exited with ${code} before listening`)));
    });
    // Simulated Twilio signs with the DATA_DIR secret, as `simulate` and /try do.
    const base = { secret: simulationSecret(dataDir), target: `http://127.0.0.1:${port}` };
    const deadline = Date.now() + MAX_SECONDS * 1000;

    const warm = await runCalls(0, WARMUP, base, new Latencies(), deadline);
    const measured = new Latencies();
    const started = Date.now();
    const calls = await runCalls(WARMUP, CALLS, base, measured, deadline);
    const seconds = (Date.now() - started) / 1000;
    const all = [...warm, ...calls];
    const checks = await verify(admin, schema, all);
    const p99 = percentile(
      measured.all().sort((a, b) => a - b),
      99,
    );

    const es = calls.filter((c) => c.language === 'es').length;
    console.log(
      `intake311 bench:voice — ${calls.length} calls (${calls.length - es} English, ${es} Spanish) after ${warm.length} warm-up, ${CONCURRENCY} in flight, ${seconds.toFixed(1)} s, PostgreSQL at ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`,
    );
    console.log(`${'route'.padEnd(34)} ${'hooks'.padStart(6)}`);
    for (const [route, values] of [...measured.byRoute].sort(([a], [b]) => a.localeCompare(b))) console.log(formatRow(route, values));
    console.log(formatRow('all webhooks', measured.all()));
    console.log(`webhook errors (4xx/5xx): ${measured.errors}`);
    console.log(`calls completed (hung up after the goodbye): ${all.filter((c) => c.ended && !c.error).length} of ${all.length} (incl. warm-up)`);
    for (const failed of all.filter((c) => c.error || !c.ended).slice(0, 5))
      console.log(`  call ${failed.callSid} did not complete: ${failed.error ?? `still going after ${MAX_TURNS} turns`}`);
    console.log(
      `cases created: ${checks.voiceCases} voice cases for ${all.length} calls; exactly one per call: ${checks.oneCaseEach ? 'yes' : 'NO'}`,
    );
    console.log(
      `case in the caller's language: ${checks.rightLanguage}; caller heard its tracking number: ${checks.heardNumber}; SMS updates subscribed: ${checks.textUpdates}`,
    );
    console.log(`target: p99 < ${TARGET_P99_MS} ms over all webhooks ${p99 < TARGET_P99_MS ? 'met' : 'NOT met'} (p99 ${p99.toFixed(1)} ms)`);
    if (!checks.oneCaseEach || measured.errors) process.exitCode = 1;
  } finally {
    if (child) await stopChild(child);
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'serve') {
  serve(process.argv[3], process.argv[4]).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
