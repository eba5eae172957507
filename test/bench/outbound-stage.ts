import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { ChannelModule } from '../../src/channels/channel';
import { loadConfig } from '../../src/config';
import type { AppContext } from '../../src/context';
import { BullQueue } from '../../src/queue/bullmq-queue';
import type { JobQueue } from '../../src/queue/job-queue';
import { MemoryQueue } from '../../src/queue/memory-queue';
import { buildContext } from '../../src/runtime';
import type { Database } from '../../src/storage/database';
import { migrate } from '../../src/storage/migrate';
import { createPgDatabase } from '../../src/storage/pg-database';
import { FakeProvider } from '../fakes/fake-provider';
import { dropRedisPrefix } from '../support/redis';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const USE_MEMORY = process.env.BENCH_QUEUE === 'memory';

/** What an outbound bench runs against: the service's context on its own schema and queue prefix, and the fake provider. */
export interface OutboundStage {
  ctx: AppContext;
  db: Database;
  queue: JobQueue;
  provider: FakeProvider;
  channels: ChannelModule[];
}

/**
 * Runs `fn` on a fresh schema of the bench PostgreSQL (BENCH_DATABASE_URL), a queue on Redis (BENCH_REDIS_URL, or
 * in-process with BENCH_QUEUE=memory) and a loopback fake provider behind `channel`; removes all of it afterwards,
 * the queue's Redis keys included.
 */
export async function withOutboundStage(
  channel: (provider: FakeProvider) => ChannelModule,
  fn: (stage: OutboundStage) => Promise<void>,
  /** More settings for the service (e.g. a live X account pointed at a fake). */
  env: Record<string, string> = {},
): Promise<void> {
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
    const channels = [channel(provider)];
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, OUTBOX_POLL_MS: '1000', ...env });
    const ctx = await buildContext(config, { db, queue, channels });
    await fn({ ctx, db, queue, provider, channels });
  } finally {
    await queue.close();
    await db.close();
    await provider.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    if (!USE_MEMORY) await dropRedisPrefix(schema, REDIS_URL);
  }
}
