import { PermanentSendError, RateLimitedError } from '../errors';
import {
  type AddOptions,
  backoffDelay,
  DEFAULT_RETRY,
  type FailedJob,
  type Job,
  type JobHandler,
  type JobQueue,
  type RetryPolicy,
} from './job-queue';

interface Worker {
  handler: JobHandler;
  concurrency: number;
  retry: RetryPolicy;
  running: number;
}

/**
 * The in-process queue used when REDIS_URL is unset. Jobs live in memory: that is safe because every job
 * stands for an outbox row in the database, which the relay queues again after a restart.
 */
export class MemoryQueue implements JobQueue {
  readonly kind = 'memory' as const;
  private readonly ready = new Map<string, Job[]>();
  private readonly known = new Set<string>();
  private readonly workers = new Map<string, Worker>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly failedJobs: FailedJob[] = [];
  private closed = false;

  async add(queue: string, name: string, data: Record<string, unknown>, options: AddOptions): Promise<void> {
    const key = `${queue}:${options.jobId}`;
    if (this.closed || this.known.has(key)) return;
    this.known.add(key);
    this.schedule({ id: options.jobId, queue, name, data, attemptsMade: 0 }, options.delayMs ?? 0);
  }

  work(queue: string, handler: JobHandler, options: { concurrency?: number; retry?: Partial<RetryPolicy> } = {}): void {
    this.workers.set(queue, { handler, concurrency: options.concurrency ?? 4, retry: { ...DEFAULT_RETRY, ...options.retry }, running: 0 });
    this.pump(queue);
  }

  async failed(queue: string, limit = 100): Promise<FailedJob[]> {
    return this.failedJobs
      .filter((j) => j.queue === queue)
      .slice(-limit)
      .reverse();
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private schedule(job: Job, delayMs: number): void {
    if (this.closed) return;
    const enqueue = () => {
      const list = this.ready.get(job.queue) ?? [];
      list.push(job);
      this.ready.set(job.queue, list);
      this.pump(job.queue);
    };
    if (delayMs <= 0) return enqueue();
    const t = setTimeout(() => {
      this.timers.delete(t);
      enqueue();
    }, delayMs);
    t.unref?.();
    this.timers.add(t);
  }

  private pump(queue: string): void {
    const worker = this.workers.get(queue);
    const list = this.ready.get(queue);
    while (worker && list?.length && worker.running < worker.concurrency && !this.closed) {
      const job = list.shift() as Job;
      worker.running++;
      void this.run(worker, job).finally(() => {
        worker.running--;
        this.pump(queue);
      });
    }
  }

  private async run(worker: Worker, job: Job): Promise<void> {
    const key = `${job.queue}:${job.id}`;
    try {
      await worker.handler(job);
      this.known.delete(key);
    } catch (err) {
      if (err instanceof RateLimitedError) return this.schedule(job, err.retryAfterMs);
      const attemptsMade = job.attemptsMade + 1;
      if (err instanceof PermanentSendError || attemptsMade >= worker.retry.attempts) {
        this.known.delete(key);
        this.failedJobs.push({ ...job, attemptsMade, reason: (err as Error).message });
        if (this.failedJobs.length > 1000) this.failedJobs.shift();
        return;
      }
      this.schedule({ ...job, attemptsMade }, backoffDelay(attemptsMade, worker.retry));
    }
  }
}
