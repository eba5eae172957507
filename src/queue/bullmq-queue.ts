import { type Job as BullJob, DelayedError, Queue, UnrecoverableError, Worker } from 'bullmq';
import { PermanentSendError, RateLimitedError } from '../errors';
import { type AddOptions, backoffDelay, DEFAULT_RETRY, type FailedJob, type JobHandler, type JobQueue, type RetryPolicy } from './job-queue';

/** Tuning for tests and operators; the defaults suit production. */
export interface BullQueueOptions {
  /** How long a running job's lock lasts before another worker may take it over as stalled. Default 30 s. */
  lockDurationMs?: number;
  /** How often workers look for stalled jobs. Default 30 s. */
  stalledIntervalMs?: number;
  /** Longest wait for Redis on `add` before reporting it down (the relay retries later). Default 5 s. */
  addTimeoutMs?: number;
  /** Failed jobs kept per queue for inspection. Default 10,000. */
  keepFailed?: number;
}

/** Attempts are counted by the worker's RetryPolicy (see `work`), so BullMQ's own counter only needs to be out of reach. */
const UNBOUNDED_ATTEMPTS = 1_000_000;
const BACKOFF_TYPE = 'intake311-jitter';

/** BullMQ refuses all-digit custom ids (they could clash with its own counters) and ids with ':', so ours get a prefix. */
function bullJobId(jobId: string): string {
  if (jobId.includes(':')) throw new Error(`queue: job id "${jobId}" must not contain ':'`);
  return `j-${jobId}`;
}

function portJobId(bullId: string | undefined): string {
  return String(bullId).replace(/^j-/, '');
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: Redis did not answer within ${ms} ms; check REDIS_URL and that Redis is up`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The JobQueue port on BullMQ and Redis: one BullMQ queue per port queue name (one per channel), keys under
 * QUEUE_PREFIX. Errors from the handler map onto BullMQ's: PermanentSendError and a last attempt become
 * UnrecoverableError (failed at once, kept for inspection); RateLimitedError moves the job to the delayed set
 * without spending an attempt; anything else retries with the port's exponential backoff and jitter.
 */
export class BullQueue implements JobQueue {
  readonly kind = 'redis' as const;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly opts: Required<BullQueueOptions>;

  constructor(
    readonly url: string,
    readonly prefix: string,
    options: BullQueueOptions = {},
  ) {
    this.opts = { lockDurationMs: 30_000, stalledIntervalMs: 30_000, addTimeoutMs: 5_000, keepFailed: 10_000, ...options };
  }

  /**
   * Adds a job unless one with this id is waiting, delayed or running. A job that already ended failed is
   * retried from scratch, as the in-process queue would run it again: whoever adds it again (the outbox
   * relay finding its row still unsent) means it.
   */
  async add(queue: string, name: string, data: Record<string, unknown>, options: AddOptions): Promise<void> {
    const q = this.queue(queue);
    const jobId = bullJobId(options.jobId);
    const what = `queue ${queue}: add ${options.jobId}`;
    await withTimeout(
      q.add(name, data, {
        jobId,
        delay: options.delayMs,
        attempts: UNBOUNDED_ATTEMPTS,
        backoff: { type: BACKOFF_TYPE },
        removeOnComplete: true,
        removeOnFail: { count: this.opts.keepFailed },
      }),
      this.opts.addTimeoutMs,
      what,
    );
    if ((await withTimeout(q.getJobState(jobId), this.opts.addTimeoutMs, what)) === 'failed') {
      await (await q.getJob(jobId))?.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    }
  }

  work(queue: string, handler: JobHandler, options: { concurrency?: number; retry?: Partial<RetryPolicy> } = {}): void {
    const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
    const processor = async (job: BullJob, token?: string) => {
      try {
        await handler({ id: portJobId(job.id), queue, name: job.name, data: job.data, attemptsMade: job.attemptsMade });
      } catch (err) {
        if (err instanceof RateLimitedError) {
          await job.moveToDelayed(Date.now() + err.retryAfterMs, token);
          throw new DelayedError(err.message);
        }
        const message = err instanceof Error ? err.message : String(err);
        if (err instanceof PermanentSendError || job.attemptsMade + 1 >= retry.attempts) throw new UnrecoverableError(message);
        throw err;
      }
    };
    const worker = new Worker(queue, processor, {
      connection: { url: this.url, maxRetriesPerRequest: null },
      prefix: this.prefix,
      concurrency: options.concurrency ?? 4,
      lockDuration: this.opts.lockDurationMs,
      stalledInterval: this.opts.stalledIntervalMs,
      settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, retry) },
    });
    // Without a listener an 'error' event (Redis gone) would crash the process; BullMQ reconnects by itself.
    worker.on('error', () => undefined);
    this.workers.push(worker);
  }

  async failed(queue: string, limit = 100): Promise<FailedJob[]> {
    const jobs = await this.queue(queue).getFailed(0, limit - 1);
    return jobs.map((j) => ({
      id: portJobId(j.id),
      queue,
      name: j.name,
      data: j.data as Record<string, unknown>,
      attemptsMade: j.attemptsMade,
      reason: j.failedReason ?? '',
    }));
  }

  async ping(): Promise<boolean> {
    try {
      // Any round trip will do; counting an empty queue's jobs is one cheap command.
      await withTimeout(this.queue('health').count(), this.opts.addTimeoutMs, 'queue health');
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Stops workers and closes connections. With Redis answering, running jobs finish first; with Redis down
   * nothing can finish anyway and a graceful close would wait for a reconnect forever, so it stops at once.
   */
  async close(): Promise<void> {
    await this.shutdown(!(await this.ping()));
  }

  /** Stops at once without waiting for running jobs, as a crash would: their locks expire and they are taken over as stalled. */
  async kill(): Promise<void> {
    await this.shutdown(true);
  }

  private async shutdown(force: boolean): Promise<void> {
    const workers = this.workers.splice(0);
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(workers.map((w) => w.close(force)));
    await Promise.all(queues.map((q) => q.close()));
  }

  private queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      // No offline queue: with Redis down `add` fails and the row stays pending in PostgreSQL for the next round.
      q = new Queue(name, { connection: { url: this.url, enableOfflineQueue: false }, prefix: this.prefix });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }
}
