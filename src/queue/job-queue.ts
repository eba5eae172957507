/**
 * The queue port. BullMQ (with REDIS_URL) and the in-process queue both implement it; nothing else in
 * the code knows which one runs. Jobs carry ids, never objects: the processor reloads from the database.
 *
 * A handler's error decides what happens next:
 * - PermanentSendError: the job fails at once, no retry.
 * - RateLimitedError: the job waits `retryAfterMs` and runs again; this does not count as an attempt.
 * - anything else: retried with exponential backoff and jitter until `attempts` run out, then failed.
 */
export interface Job {
  id: string;
  queue: string;
  name: string;
  data: Record<string, unknown>;
  /** Attempts already made before this one. */
  attemptsMade: number;
}

export type JobHandler = (job: Job) => Promise<void>;

export interface AddOptions {
  /** Adding the same id again while the job is waiting or running is a no-op. */
  jobId: string;
  delayMs?: number;
}

export interface RetryPolicy {
  /** Total tries, including the first. Default 8. */
  attempts: number;
  /** First retry delay; doubles each time. Default 1000 ms. */
  baseDelayMs: number;
  /** Ceiling for one delay. Default 5 minutes. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 1000, maxDelayMs: 5 * 60_000 };

/** A failed job kept for inspection. */
export interface FailedJob {
  id: string;
  queue: string;
  name: string;
  data: Record<string, unknown>;
  attemptsMade: number;
  reason: string;
}

export interface JobQueue {
  readonly kind: 'memory' | 'redis';
  add(queue: string, name: string, data: Record<string, unknown>, options: AddOptions): Promise<void>;
  /** Processes `queue`'s jobs in this process. */
  work(queue: string, handler: JobHandler, options?: { concurrency?: number; retry?: Partial<RetryPolicy> }): void;
  /** Jobs that ended failed, newest first. */
  failed(queue: string, limit?: number): Promise<FailedJob[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Exponential backoff with full jitter: a random delay up to base * 2^(attempt-1), capped. */
export function backoffDelay(attemptsMade: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
