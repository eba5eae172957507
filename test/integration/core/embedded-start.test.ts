import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { buildContext, startWeb } from '../../../src/runtime';
import { KeywordClassifier } from '../../support/keyword-classifier';

describe('embedded start-up (no DATABASE_URL, no REDIS_URL, no vendor credentials)', () => {
  it('starts from an empty DATA_DIR, answers health, readiness and metrics, and keeps cases across a restart', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-embedded-')), 'data');
    const env = { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' };
    const boot = async () => {
      const ctx = await buildContext(loadConfig(env), { classifier: new KeywordClassifier() });
      const web = await startWeb(ctx, ctx.channels);
      const base = `http://127.0.0.1:${(web.server.address() as AddressInfo).port}`;
      return { ctx, web, base };
    };

    const first = await boot();
    try {
      expect(first.ctx.db.kind).toBe('pglite');
      expect(first.ctx.queue.kind).toBe('memory');
      expect((await fetch(`${first.base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${first.base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ checks: { database: 'ok', queue: 'ok', queue_kind: 'memory' } });
      await first.ctx.intake.submit({
        channel: 'sms',
        providerMessageId: 'SM-embedded',
        reporter: { address: '+15550000009' },
        text: 'pothole here',
        media: [],
        raw: {},
      });
      const metrics = await (await fetch(`${first.base}/metrics`)).text();
      expect(metrics).toContain('intake311_cases_created_total{channel="sms"} 1');
      expect(fs.existsSync(path.join(dataDir, 'simulation-secret'))).toBe(true);
    } finally {
      await first.web.stop();
      await first.ctx.queue.close();
      await first.ctx.db.close();
    }

    const second = await boot();
    try {
      const { rows } = await second.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
      expect(rows[0].n).toBe(1);
    } finally {
      await second.web.stop();
      await second.ctx.queue.close();
      await second.ctx.db.close();
    }
    // Two boots on a database on disk: 8 s on a quiet machine, 51 s once in CI with a busy disk.
  }, 180_000);
});

describe('embedded database lock', () => {
  it('refuses a second process on the same DATA_DIR, naming the holder, and frees it on close', async () => {
    const { createPgliteDatabase } = await import('../../../src/storage/pglite-database');
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-lock-')), 'pglite');
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    // Another live process holds it: our parent (jest's runner) stands in for a running `serve`.
    fs.writeFileSync(`${dir}.pid`, String(process.ppid));
    await expect(createPgliteDatabase(dir)).rejects.toThrow(`in use by another intake311 process (pid ${process.ppid})`);
    // A lock left by a process that died is taken over.
    fs.writeFileSync(`${dir}.pid`, '999999');
    const db = await createPgliteDatabase(dir);
    expect(fs.readFileSync(`${dir}.pid`, 'utf8')).toBe(String(process.pid));
    await db.close();
    expect(fs.existsSync(`${dir}.pid`)).toBe(false);
  });
});
