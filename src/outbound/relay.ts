import type { AppContext } from '../context';
import { RoundLoop } from '../round-loop';
import { listInFlight, listPending, markQueued, type QueuedRow } from './outbox-store';

export interface RelayOptions {
  /** How often to look for pending rows when no signal came. Default: config.outboxPollMs. */
  pollMs: number;
  /** Rows read per round. Default 500. */
  batchSize: number;
  /** A row queued or sending this long is re-added to its queue (a no-op if its job still exists). Default 10 minutes. */
  staleAfterMs: number;
  /** How often to look for such rows. Default 1 minute. */
  sweepMs: number;
}

type Deps = Pick<AppContext, 'db' | 'queue' | 'signals' | 'log'>;

/**
 * The queue a channel's notifications go through: its own, so a provider's outage or rate limit holds up no other
 * channel; and the channel's public feed posts in a queue of their own, so a backlog of feed posts (a flood of
 * reports) never holds up a reply to a resident.
 */
export function outboundQueue(channel: string, feed = false): string {
  return feed ? `outbound-${channel}-feed` : `outbound-${channel}`;
}

/**
 * Moves committed outbox rows into their channel's queue (job 'send', jobId = notification id). It wakes on
 * the in-process signal and also polls, so a lost signal or a Redis outage costs time, never a message: a
 * row becomes 'queued' only after its job was added. At start and then periodically it re-adds rows that are
 * queued or sending, which restores jobs lost with an in-memory queue or a Redis that lost its data; the
 * queue's jobId dedupe makes that a no-op for jobs that still exist.
 */
export class OutboxRelay {
  private readonly opts: RelayOptions;
  private readonly loop = new RoundLoop(() => this.round());
  private lastSweep = 0;
  private redisWarned = false;

  constructor(
    private readonly deps: Deps,
    options: Partial<RelayOptions> & { pollMs: number },
  ) {
    this.opts = { batchSize: 500, staleAfterMs: 10 * 60_000, sweepMs: 60_000, ...options };
  }

  async start(): Promise<void> {
    await this.sweep(0);
    this.lastSweep = Date.now();
    const { signals } = this.deps;
    this.loop.start(this.opts.pollMs, [(wake) => signals.onOutboxChanged(wake)]);
  }

  /** Runs a round now, or right after the one in progress. */
  wake(): void {
    this.loop.wake();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async round(): Promise<void> {
    try {
      if (Date.now() - this.lastSweep >= this.opts.sweepMs) {
        this.lastSweep = Date.now();
        await this.sweep(this.opts.staleAfterMs);
      }
      for (;;) {
        const rows = await listPending(this.deps.db, this.opts.batchSize);
        const added = await this.enqueue(rows);
        await markQueued(this.deps.db, added);
        if (added.length < rows.length || rows.length < this.opts.batchSize || this.loop.isStopped) break;
      }
    } catch (err) {
      this.deps.log.error({ err }, 'outbox relay round failed; retrying on the next poll');
    }
  }

  private async sweep(olderThanMs: number): Promise<void> {
    for (let after = 0; ; ) {
      const rows = await listInFlight(this.deps.db, olderThanMs, after, this.opts.batchSize);
      await this.enqueue(rows);
      if (rows.length < this.opts.batchSize) return;
      after = rows[rows.length - 1].id;
    }
  }

  /** Adds jobs; returns the ids whose add succeeded. */
  private async enqueue(rows: QueuedRow[]): Promise<number[]> {
    const results = await Promise.allSettled(
      rows.map((r) => this.deps.queue.add(outboundQueue(r.channel, r.feed), 'send', { notification_id: r.id }, { jobId: String(r.id) })),
    );
    const added = rows.filter((_, i) => results[i].status === 'fulfilled').map((r) => r.id);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure && !this.redisWarned) {
      this.redisWarned = true;
      this.deps.log.warn({ err: failure.reason }, 'outbox relay cannot reach the queue; notifications stay pending in the database until it answers');
    } else if (!failure && added.length > 0 && this.redisWarned) {
      this.redisWarned = false;
      this.deps.log.info('outbox relay reached the queue again');
    }
    return added;
  }
}
