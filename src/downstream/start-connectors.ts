import type { Stop } from '../channels/channel';
import type { AppContext } from '../context';
import { connectorQueue, connectorsOf } from './connector-set';
import { deliverProcessor } from './deliver-processor';
import { DeliveryRelay, type DeliveryRelayOptions } from './relay';
import { StatusPull } from './status-pull';
import { syncConnectors } from './sync';

export interface ConnectorsOptions {
  relay?: Partial<DeliveryRelayOptions>;
  /** Jobs run at once per connector queue. Default 4: a work-order system is slower than an SMS provider. */
  concurrency?: number;
  /** Overrides every connector's poll interval (tests, the bench). */
  pollMs?: number;
  /** Overrides every connector's retry backoff base (tests). */
  retryBaseMs?: number;
}

/**
 * The worker side of connectors: the table the delivery trigger reads mirrors the configuration, one queue and
 * processor per connector, the relay, and each connector's status pull. With no connectors configured it only
 * marks any left in the table inactive.
 */
export async function startConnectors(ctx: AppContext, options: ConnectorsOptions = {}): Promise<Stop & { pulls: StatusPull[] }> {
  await syncConnectors(ctx.db, ctx.config.connectors);
  const set = connectorsOf(ctx.config);
  const pulls: StatusPull[] = [];
  for (const cc of set.values()) {
    const retry = { attempts: cc.config.attempts, baseDelayMs: options.retryBaseMs ?? cc.config.retry_base_ms, maxDelayMs: 5 * 60_000 };
    const waitMs = options.retryBaseMs ?? Math.max(1000, cc.config.retry_base_ms);
    ctx.queue.work(connectorQueue(cc.config.id), deliverProcessor(ctx, cc, waitMs), { concurrency: options.concurrency ?? 4, retry });
    const pollMs = options.pollMs ?? cc.connector.pollMs ?? 0;
    if (pollMs > 0 && (cc.connector.pull || cc.connector.resolveToken)) pulls.push(new StatusPull(ctx, cc, pollMs));
  }
  const relay = new DeliveryRelay(ctx, new Set(set.keys()), {
    pollMs: ctx.config.outboxPollMs,
    staleAfterMs: 10 * 60_000,
    sweepMs: 60_000,
    ...options.relay,
  });
  if (set.size > 0) await relay.start();
  for (const p of pulls) p.start();
  const stop = async () => {
    for (const p of pulls) await p.stop();
    await relay.stop();
  };
  return Object.assign(stop, { pulls });
}
