import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Stop } from '../../../src/channels/channel';
import { type ConnectorsOptions, startConnectors } from '../../../src/downstream/start-connectors';
import { startOutbound } from '../../../src/outbound/start-outbound';
import { BullQueue } from '../../../src/queue/bullmq-queue';
import type { Database } from '../../../src/storage/database';
import { type TestContext, testContext } from '../../support/context';
import { TEST_REDIS_URL } from '../../support/db';
import { dropRedisPrefix } from '../../support/redis';
import { FAST } from '../outbound/support/outbound-harness';

/** Short locks so a killed worker's job is taken over within a second or two, as after a real crash. */
export const QUICK_LOCKS = { lockDurationMs: 800, stalledIntervalMs: 300 };
/** Fast relay, retries and polls, so tests watch whole cycles. */
export const FAST_CONNECTORS: ConnectorsOptions = { relay: { pollMs: 50 }, retryBaseMs: 30, pollMs: 100 };

/** Writes a CONNECTORS_PATH file; removed by the returned cleanup. */
export function connectorsFile(connectors: object[]): { file: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-connectors-'));
  const file = path.join(dir, 'connectors.json');
  fs.writeFileSync(file, JSON.stringify({ connectors }));
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface Worker {
  ctx: TestContext;
  queue: BullQueue;
  stop: Stop;
}

/**
 * A process on `db` with the given connectors and the worker side running (outbox and connectors) on BullMQ under
 * `prefix`. Several can share a prefix, as several worker processes share Redis.
 */
export async function startWorker(
  db: Database,
  file: string,
  prefix: string,
  options: { connectors?: ConnectorsOptions; env?: Record<string, string> } = {},
): Promise<Worker> {
  const queue = new BullQueue(TEST_REDIS_URL, prefix, QUICK_LOCKS);
  const ctx = await testContext(db, { env: { CONNECTORS_PATH: file, ...options.env }, queue });
  const stopOutbound = await startOutbound(ctx, ctx.channels, FAST);
  const stopConnectors = await startConnectors(ctx, { ...FAST_CONNECTORS, ...options.connectors });
  return {
    ctx,
    queue,
    stop: async () => {
      await stopConnectors();
      await stopOutbound();
      fs.rmSync(ctx.dataDir, { recursive: true, force: true });
    },
  };
}

export function queuePrefix(): string {
  return `ctest-${crypto.randomBytes(4).toString('hex')}`;
}

export { dropRedisPrefix };

export interface DeliveryView {
  connector_id: string;
  kind: string;
  status: string;
  attempts: number;
  last_error: string | null;
  external_id: string | null;
}

export async function deliveries(db: Database, caseId: number): Promise<DeliveryView[]> {
  const { rows } = await db.query<DeliveryView>(
    'SELECT connector_id, kind, status, attempts, last_error, external_id FROM connector_deliveries WHERE case_id = $1 ORDER BY id',
    [caseId],
  );
  return rows;
}

export async function closureTexts(db: Database, caseId: number): Promise<string[]> {
  const { rows } = await db.query<{ body: string }>(
    "SELECT body FROM notifications WHERE case_id = $1 AND kind = 'case_closed' AND status = 'sent' ORDER BY id",
    [caseId],
  );
  return rows.map((r) => r.body);
}
