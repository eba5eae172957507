import type { AppContext } from '../context';
import { RoundLoop } from '../round-loop';
import { connectorQueue } from './connector-set';
import { listInFlightDeliveries, listPendingDeliveries, markDeliveriesQueued, type QueuedDelivery } from './delivery-store';

export interface DeliveryRelayOptions {
  /** How often to look for pending deliveries when no signal came. Default: config.outboxPollMs. */
  pollMs: number;
  /** A delivery queued or sending this long is re-added to its queue (a no-op while its job exists). Default 10 minutes. */
  staleAfterMs: number;
  /** How often to look for such rows. Default 1 minute. */
  sweepMs: number;
}

const BATCH = 500;

/**
 * Moves committed deliveries (written by the case-event trigger) into their connector's queue, as the outbox relay
 * does for notifications: woken by the in-process signals (a case event, new outbox rows) and by polling, so a lost
 * signal costs time, never a delivery. A row becomes `queued` only after its job was added.
 */
export class DeliveryRelay {
  private readonly loop = new RoundLoop(() => this.round());
  private lastSweep = 0;

  constructor(
    private readonly deps: Pick<AppContext, 'db' | 'queue' | 'signals' | 'log'>,
    private readonly known: ReadonlySet<string>,
    private readonly opts: DeliveryRelayOptions,
  ) {}

  async start(): Promise<void> {
    await this.sweep(0);
    this.lastSweep = Date.now();
    const { signals } = this.deps;
    this.loop.start(this.opts.pollMs, [(wake) => signals.onCaseEvent(wake), (wake) => signals.onOutboxChanged(wake)]);
  }

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
        const rows = await listPendingDeliveries(this.deps.db, BATCH);
        const added = await this.enqueue(rows);
        await markDeliveriesQueued(this.deps.db, added);
        if (added.length < rows.length || rows.length < BATCH || this.loop.isStopped) break;
      }
    } catch (err) {
      this.deps.log.error({ err }, 'connector relay round failed; retrying on the next poll');
    }
  }

  private async sweep(olderThanMs: number): Promise<void> {
    await this.enqueue(await listInFlightDeliveries(this.deps.db, olderThanMs, BATCH));
  }

  /** Adds jobs; returns the ids added. A delivery to a connector no longer configured waits for it to come back. */
  private async enqueue(rows: QueuedDelivery[]): Promise<number[]> {
    const mine = rows.filter((r) => this.known.has(r.connectorId));
    const results = await Promise.allSettled(
      mine.map((r) => this.deps.queue.add(connectorQueue(r.connectorId), 'deliver', { delivery_id: r.id, case_id: r.caseId }, { jobId: `d${r.id}` })),
    );
    return mine.filter((_, i) => results[i].status === 'fulfilled').map((r) => r.id);
  }
}
