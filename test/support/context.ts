import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChannelModule } from '../../src/channels/channel';
import { loadConfig } from '../../src/config';
import type { AppContext } from '../../src/context';
import type { Classifier } from '../../src/domain/classifier';
import type { JobQueue } from '../../src/queue/job-queue';
import { buildContext } from '../../src/runtime';
import type { Database } from '../../src/storage/database';
import { KeywordClassifier } from './keyword-classifier';

export type TestContext = AppContext & { channels: readonly ChannelModule[]; dataDir: string };

/**
 * An AppContext on the given database, with a throw-away DATA_DIR, silent logs, simulated vendors
 * (unless `env` sets credentials) and the keyword classifier unless another is given.
 */
export async function testContext(
  db: Database,
  options: { env?: Record<string, string>; classifier?: Classifier; queue?: JobQueue; channels?: readonly ChannelModule[] } = {},
): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...options.env });
  const ctx = await buildContext(config, {
    db,
    classifier: options.classifier ?? new KeywordClassifier(),
    queue: options.queue,
    channels: options.channels,
  });
  return { ...ctx, dataDir };
}
