/**
 * Start-up benchmark: npm run bench:start (after npm run build). With the embedded PGlite default, times
 * `intake311 serve` from spawn to its first 200 from /healthz: a first start on an empty DATA_DIR, then
 * STARTS (default 3) pairs of second starts on the same folder, with the function files skipped and re-applied. Then, in this process, where a start's database time
 * goes: PGlite's own open, and migrate on an up-to-date database. Figures depend on the machine's load; the
 * load average is printed with them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { migrate } from '../../src/storage/migrate';
import { openDatabase } from '../../src/storage/open-database';

const STARTS = Number(process.env.STARTS ?? 3);
const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'intake311.js');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

/** The CPU seconds (user + system) a process has used, from /proc; undefined where there is no /proc. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** CPU seconds each start used up to its first /healthz: less sensitive to a busy machine than wall time. */
const cpuUsed: number[] = [];

/** Spawns serve, polls /healthz every 25 ms, stops it with SIGTERM; returns the time to the first 200. */
async function timedStart(dataDir: string, port: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode} before /healthz answered`);
      if (await healthy(port)) {
        const cpu = cpuSeconds(child.pid);
        if (cpu !== undefined) cpuUsed.push(cpu);
        return ms(t0);
      }
      if (ms(t0) > 120_000) throw new Error('serve did not answer /healthz within 120 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-bench-start-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  try {
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}, ${os.cpus().length} cores`,
    );
    console.log(`first start (empty DATA_DIR) to /healthz: ${(await timedStart(dataDir, port)).toFixed(0)} ms`);
    // Interleaved, so both see the same machine load: a plain second start (unchanged function files are
    // skipped), and one after the bookkeeping was cleared, which makes it re-apply them as every start once did.
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const skipped: number[] = [];
    const reapplied: number[] = [];
    const skippedCpu: number[] = [];
    const reappliedCpu: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      cpuUsed.length = 0;
      skipped.push(await timedStart(dataDir, port));
      skippedCpu.push(...cpuUsed.splice(0));
      const forget = await openDatabase(config);
      await forget.query('DELETE FROM schema_repeatables');
      await forget.close();
      reapplied.push(await timedStart(dataDir, port));
      reappliedCpu.push(...cpuUsed.splice(0));
    }
    const list = (xs: number[]) => `${xs.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(xs).toFixed(0)})`;
    console.log(`second starts to /healthz, function files unchanged (skipped): ${list(skipped)}`);
    console.log(`second starts to /healthz, function files re-applied:          ${list(reapplied)}`);
    const cpu = (xs: number[]) => (xs.length ? `${xs.map((x) => x.toFixed(2)).join(', ')} s (median ${median(xs).toFixed(2)})` : 'no /proc');
    console.log(`CPU of serve up to /healthz: skipped ${cpu(skippedCpu)}; re-applied ${cpu(reappliedCpu)}`);

    // In process: the database's share of a second start.
    let t = process.hrtime.bigint();
    const db = await openDatabase(config);
    const openMs = ms(t);
    t = process.hrtime.bigint();
    await migrate(db);
    const migrateMs = ms(t);
    t = process.hrtime.bigint();
    await migrate(db, undefined, { reapply: true });
    const reapplyMs = ms(t);
    await db.close();
    console.log(
      `PGlite open: ${openMs.toFixed(0)} ms; migrate, nothing changed: ${migrateMs.toFixed(0)} ms; migrate re-applying every repeatable file: ${reapplyMs.toFixed(0)} ms`,
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
