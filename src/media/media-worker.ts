import type { Stop } from '../channels/channel';
import type { Logger } from '../logger';
import type { JobQueue } from '../queue/job-queue';
import type { Database } from '../storage/database';
import { abandon, markDue } from './media-repo';
import type { MediaService } from './media-service';

export const MEDIA_QUEUE = 'media';
/** Jobs a photo gets (the first and the sweeper's) before it is marked failed. */
export const MAX_MEDIA_JOBS = 5;

export interface MediaWorkerDeps {
  db: Database;
  queue: JobQueue;
  media: MediaService;
  log: Logger;
  /** MEDIA_POLL_MS and MEDIA_SWEEP_SECONDS. */
  pollMs: number;
  sweepMs: number;
}

/**
 * The ingest worker: a relay that queues each media row (new rows at once, stale ones again after MEDIA_SWEEP_SECONDS:
 * a job lost with Redis, a worker killed mid-download), and the processor of those jobs. Jobs carry the row id; the
 * row decides whether there is work, so a duplicate job does nothing.
 */
export function startMediaWorker(deps: MediaWorkerDeps): { stop: Stop; relay: () => Promise<void> } {
  const { db, queue, media, log } = deps;
  queue.work(
    MEDIA_QUEUE,
    async (job) => {
      const id = Number(job.data.mediaId);
      if (Number.isInteger(id) && id > 0) await media.ingest(id);
    },
    { concurrency: 2, retry: { attempts: 4, baseDelayMs: 2000 } },
  );
  let round: Promise<void> | undefined;
  const once = async () => {
    try {
      for (const due of await markDue(db, deps.sweepMs, MAX_MEDIA_JOBS)) {
        await queue.add(MEDIA_QUEUE, 'ingest', { mediaId: due.id }, { jobId: `media-${due.id}-${due.jobs}` });
      }
      const abandoned = await abandon(db, deps.sweepMs, MAX_MEDIA_JOBS);
      if (abandoned) log.warn({ abandoned }, 'media: photos given up after every retry');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'media: relay round failed; will try again');
    }
  };
  const relay = async () => {
    round ??= once().finally(() => (round = undefined));
    return round;
  };
  const timer = setInterval(() => void relay(), deps.pollMs);
  timer.unref();
  void relay();
  return {
    relay,
    stop: async () => {
      clearInterval(timer);
      await round;
    },
  };
}
