import crypto from 'node:crypto';
import { PermanentSendError, RateLimitedError, TransientSendError } from '../../../src/errors';
import { BullQueue } from '../../../src/queue/bullmq-queue';
import type { Job, JobQueue } from '../../../src/queue/job-queue';
import { MemoryQueue } from '../../../src/queue/memory-queue';
import { TEST_REDIS_URL } from '../../support/db';
import { dropRedisPrefix } from '../../support/redis';
import { waitFor } from './support/wait-for';

/** One suite, both implementations: nothing above the port may notice which queue runs. */
const prefixes: string[] = [];
const implementations: Array<[string, () => JobQueue]> = [
  ['MemoryQueue', () => new MemoryQueue()],
  [
    'BullQueue',
    () => {
      prefixes.push(`qtest-${crypto.randomBytes(4).toString('hex')}`);
      return new BullQueue(TEST_REDIS_URL, prefixes[prefixes.length - 1]);
    },
  ],
];

afterAll(async () => {
  for (const prefix of prefixes) await dropRedisPrefix(prefix);
});

const fastRetry = { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 };

describe.each(implementations)('%s semantics', (_name, make) => {
  let queue: JobQueue;
  beforeEach(() => {
    queue = make();
  });
  afterEach(async () => {
    await queue.close();
  });

  it('runs a job once even when it is added twice', async () => {
    const runs: Job[] = [];
    await queue.add('sms', 'send', { notification_id: 7 }, { jobId: '7' });
    await queue.add('sms', 'send', { notification_id: 7 }, { jobId: '7' });
    queue.work('sms', async (job) => {
      runs.push(job);
    });
    await waitFor(() => runs.length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: '7', queue: 'sms', name: 'send', data: { notification_id: 7 }, attemptsMade: 0 });
  });

  it('retries a transient failure and counts the attempts', async () => {
    const seen: number[] = [];
    queue.work(
      'sms',
      async (job) => {
        seen.push(job.attemptsMade);
        if (seen.length < 3) throw new TransientSendError('provider 503');
      },
      { retry: { ...fastRetry, attempts: 5 } },
    );
    await queue.add('sms', 'send', {}, { jobId: 'retry-1' });
    await waitFor(() => seen.length === 3);
    expect(seen).toEqual([0, 1, 2]);
    expect(await queue.failed('sms')).toEqual([]);
  });

  it('fails a permanent error at once and keeps it for inspection', async () => {
    let runs = 0;
    queue.work(
      'sms',
      async () => {
        runs++;
        throw new PermanentSendError('sms: number +1555 is not a mobile number', 21614, true);
      },
      { retry: fastRetry },
    );
    await queue.add('sms', 'send', { notification_id: 9 }, { jobId: '9' });
    await waitFor(async () => (await queue.failed('sms')).length === 1);
    const [failed] = await queue.failed('sms');
    expect(runs).toBe(1);
    expect(failed).toMatchObject({ id: '9', queue: 'sms', data: { notification_id: 9 }, attemptsMade: 1 });
    expect(failed.reason).toContain('not a mobile number');
  });

  it('gives up after the last attempt', async () => {
    let runs = 0;
    queue.work(
      'twitter',
      async () => {
        runs++;
        throw new TransientSendError('timeout');
      },
      { retry: fastRetry },
    );
    await queue.add('twitter', 'send', {}, { jobId: 'doomed' });
    await waitFor(async () => (await queue.failed('twitter')).length === 1);
    expect(runs).toBe(3);
    expect((await queue.failed('twitter'))[0]).toMatchObject({ id: 'doomed', reason: 'timeout' });
  });

  it('runs a failed job again when it is added again', async () => {
    let runs = 0;
    queue.work(
      'sms',
      async () => {
        runs++;
        if (runs === 1) throw new PermanentSendError('first time fails');
      },
      { retry: fastRetry },
    );
    await queue.add('sms', 'send', {}, { jobId: 'again' });
    await waitFor(async () => (await queue.failed('sms')).length === 1);
    await queue.add('sms', 'send', {}, { jobId: 'again' });
    await waitFor(() => runs === 2);
  });

  it('waits out a rate limit without spending attempts', async () => {
    const runs: Array<{ at: number; attemptsMade: number }> = [];
    const start = Date.now();
    queue.work(
      'sms',
      async (job) => {
        runs.push({ at: Date.now() - start, attemptsMade: job.attemptsMade });
        if (runs.length <= 2) throw new RateLimitedError('429 Too Many Requests', 300);
      },
      { retry: { ...fastRetry, attempts: 1 } },
    );
    await queue.add('sms', 'send', {}, { jobId: 'limited' });
    await waitFor(() => runs.length === 3);
    expect(runs.map((r) => r.attemptsMade)).toEqual([0, 0, 0]);
    expect(runs[2].at - runs[0].at).toBeGreaterThanOrEqual(550);
    expect(await queue.failed('sms')).toEqual([]);
  });

  it('holds a delayed job back', async () => {
    let ranAt = 0;
    const start = Date.now();
    queue.work('voice', async () => {
      ranAt = Date.now() - start;
    });
    await queue.add('voice', 'send', {}, { jobId: 'later', delayMs: 300 });
    await waitFor(() => ranAt > 0);
    expect(ranAt).toBeGreaterThanOrEqual(280);
  });

  it('answers ping while open', async () => {
    expect(await queue.ping()).toBe(true);
  });
});

describe('BullQueue with Redis down', () => {
  it('fails add quickly instead of hanging, and reports not ready', async () => {
    const queue = new BullQueue('redis://127.0.0.1:6390', 'down', { addTimeoutMs: 500 });
    try {
      await expect(queue.add('sms', 'send', {}, { jobId: '1' })).rejects.toThrow();
      expect(await queue.ping()).toBe(false);
    } finally {
      await queue.close();
    }
  });
});
