import type { Catalog } from './catalog/catalog';
import type { CaseService } from './cases/case-service';
import type { Config } from './config';
import type { Classifier } from './domain/classifier';
import type { Intake } from './intake/intake';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { JobQueue } from './queue/job-queue';
import type { RateLimits } from './rate-limits';
import type { Signals } from './signals';
import type { Database } from './storage/database';

/** Everything a process has built at start-up, handed to the HTTP app, workers and channels. */
export interface AppContext {
  config: Config;
  log: Logger;
  db: Database;
  catalog: Catalog;
  classifier: Classifier;
  intake: Intake;
  cases: CaseService;
  queue: JobQueue;
  signals: Signals;
  metrics: Metrics;
  /** Per-IP, per-key and per-sender budgets (RATE_LIMIT_* settings), shared through Redis when REDIS_URL is set. */
  limits: RateLimits;
  /**
   * The secret Twilio webhooks are verified with: the live auth token, or in simulated mode a random
   * secret kept in DATA_DIR that `simulate` and `/try` sign with. Never empty: there is no unsigned path.
   */
  twilioSigningSecret: string;
}
