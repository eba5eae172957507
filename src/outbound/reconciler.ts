import type { AppContext } from '../context';
import type { ChannelName } from '../domain/types';
import type { Publisher } from './publisher';
import { adoptProviderMessage, listUnreconciled, settleNotSent } from './reconcile-store';

type Deps = Pick<AppContext, 'db' | 'log' | 'metrics'>;

export interface ReconcilerOptions {
  /** How often to look. Default: config.reconcile.intervalMs. */
  intervalMs: number;
  /** "Not found" is believed only this long after the interruption. Default: config.reconcile.graceMs. */
  graceMs: number;
  /** Rows looked up per round, so a backlog never floods the provider. Default 50. */
  batchSize: number;
}

/** What one round did. */
export interface ReconcileRound {
  sent: number;
  notSent: number;
  waiting: number;
}

/**
 * Settles sends a dead worker left interrupted, by asking the channel's publisher (`lookup`) whether the provider
 * has the message: found, the row is recorded as sent under the provider's id (a staff retry would be a duplicate);
 * not found after the grace period (a late status callback or a message still queued at the provider would
 * otherwise be missed), it stays failed and becomes retryable. Channels without `lookup` are left to staff.
 */
export class Reconciler {
  private readonly opts: ReconcilerOptions;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly deps: Deps,
    private readonly publishers: ReadonlyMap<ChannelName, Publisher>,
    options: Partial<ReconcilerOptions> & Pick<ReconcilerOptions, 'intervalMs' | 'graceMs'>,
  ) {
    this.opts = { batchSize: 50, ...options };
  }

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.round()
        .catch((err: unknown) => this.deps.log.error({ err }, 'outbound reconciler round failed; trying again on the next interval'))
        .finally(() => {
          this.running = undefined;
        });
    }, this.opts.intervalMs);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One bounded round: up to batchSize interrupted rows looked up and settled where the provider can tell. */
  async round(): Promise<ReconcileRound> {
    const channels = [...this.publishers].filter(([, p]) => p.lookup).map(([name]) => name);
    const result: ReconcileRound = { sent: 0, notSent: 0, waiting: 0 };
    if (channels.length === 0) return result;
    for (const n of await listUnreconciled(this.deps.db, channels, this.opts.batchSize)) {
      const publisher = this.publishers.get(n.channel) as Publisher & Required<Pick<Publisher, 'lookup'>>;
      const interruptedAt = new Date(n.interrupted_at as Date);
      const claimedAt = new Date(n.claimed_at ?? n.updated_at);
      const found = await publisher
        .lookup({ notification: n, text: n.body ?? '', claimedAt })
        .catch((err: unknown) => ({ kind: 'unknown' as const, reason: String(err) }));
      const context = { channel: n.channel, notification_id: n.id, case_id: n.case_id };
      if (found.kind === 'found' && (await adoptProviderMessage(this.deps.db, n.id, found))) {
        result.sent++;
        this.deps.metrics.notificationsSent.inc({ channel: n.channel, outcome: 'reconciled_sent' });
        this.deps.log.info({ ...context, provider_id: found.providerId }, 'interrupted send found at the provider; recorded as sent');
      } else if (
        found.kind === 'not_found' &&
        Date.now() - interruptedAt.getTime() >= this.opts.graceMs &&
        (await settleNotSent(this.deps.db, n.id))
      ) {
        result.notSent++;
        this.deps.metrics.notificationsSent.inc({ channel: n.channel, outcome: 'reconciled_not_sent' });
        this.deps.log.info(context, 'interrupted send unknown to the provider; left failed and retryable');
      } else {
        result.waiting++;
        if (found.kind === 'unknown')
          this.deps.log.warn({ ...context, reason: found.reason }, 'interrupted send could not be looked up; asking again later');
      }
    }
    return result;
  }
}
