import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exited, freePort, runCli, startCli } from '../../support/cli';
import { freshPgDatabase, pgEnv, TEST_REDIS_URL } from '../../support/db';
import { dropRedisPrefix } from '../../support/redis';

/**
 * docs/scaling.md's shape: two `serve` and two `work` processes spawned from dist/ on one PostgreSQL schema and one
 * Redis prefix. A case filed through one web process reaches a live stream held on the other, the per-IP limit is
 * counted across both, the case is announced once, and housekeeping has one holder.
 */
describe('two web and two worker processes', () => {
  const prefix = `scale_${crypto.randomBytes(4).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-scale-'));
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  const children: ChildProcess[] = [];
  const webs: string[] = [];
  let apiKey: string;

  beforeAll(async () => {
    db = await freshPgDatabase();
    const env = {
      ...pgEnv(db),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: dataDir,
      PUBLIC_BASE_URL: 'https://311.example.org',
      RATE_LIMIT_AUTH_FAILURES: '3/300',
      PUBLIC_STREAM_POLL_MS: '300',
      OUTBOX_POLL_MS: '200',
      TRUST_PROXY: 'false',
    };
    const token = await runCli(['token', 'create', '--name', 'scale-app', '--scope', 'open311'], env);
    expect(token.code).toBe(0);
    apiKey = token.stdout.trim();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const web = await startCli(['serve'], { ...env, PORT: String(port) }, 'intake311 is running at', 60_000);
      children.push(web.child);
      webs.push(`http://127.0.0.1:${port}`);
    }
    for (let i = 0; i < 2; i++) {
      const worker = await startCli(['work'], { ...env, LOG_LEVEL: 'info' }, 'intake311 worker running', 60_000);
      children.push(worker.child);
    }
  }, 180_000);

  afterAll(async () => {
    for (const c of children) {
      if (c.exitCode === null) c.kill('SIGTERM');
    }
    for (const c of children) await exited(c);
    await db?.close();
    await dropRedisPrefix(prefix);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a case filed on web 2 reaches a live stream held open on web 1', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${webs[0]}/feed/stream`, { signal: controller.signal });
    const reader = stream.body!.getReader();
    const body = new URLSearchParams({
      api_key: apiKey,
      service_code: 'pothole',
      lat: '42.3554',
      long: '-71.064',
      description: 'Deep pothole in the bike lane',
    });
    const posted = await fetch(`${webs[1]}/open311/v2/requests.json`, { method: 'POST', body });
    expect(posted.status).toBe(200);
    const [{ service_request_id: id }] = (await posted.json()) as [{ service_request_id: string }];
    let seen = '';
    const deadline = Date.now() + 10_000;
    while (!seen.includes(`"id":"${id}"`) && !seen.includes(`"id":${id}`) && Date.now() < deadline) {
      const { value, done } = await Promise.race([
        reader.read(),
        new Promise<{ value: undefined; done: true }>((r) => setTimeout(() => r({ value: undefined, done: true }), deadline - Date.now())),
      ]);
      if (done) break;
      seen += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(seen).toContain(String(id));
  });

  it('the per-IP limit on wrong tokens counts requests to both web processes together', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${webs[i % 2]}/api/v1/cases`, { headers: { authorization: 'Bearer wrong-token' } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('housekeeping has exactly one holder among the workers', async () => {
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM leases WHERE name = 'housekeeping' AND expires_at > now()");
    expect(rows[0].n).toBe(1);
  });
});
