import type { ChannelModule, Stop } from '../channels/channel';
import { type AppContext, channelContext } from '../context';
import type { ChannelName } from '../domain/types';
import { DEFAULT_RETRY, type RetryPolicy } from '../queue/job-queue';
import { CHANNEL_NAMES } from '../registry';
import type { Publisher } from './publisher';
import { Reconciler, type ReconcilerOptions } from './reconciler';
import { OutboxRelay, outboundQueue, type RelayOptions } from './relay';
import { sendProcessor } from './send-processor';
import { SimulatedPublisher } from './simulated-publisher';
import { characterBudget } from './text-budget';

export interface OutboundOptions {
  /** Jobs run at once per channel queue (replies, and feed posts each). Default 8: providers answer in tens of milliseconds, the database is the limit. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  relay?: Partial<RelayOptions>;
  reconcile?: Partial<ReconcilerOptions>;
}

/**
 * The channel's publisher, or a simulated one when the channel has none or is in simulated mode
 * (its `publisher(ctx)` then returns undefined).
 */
function publisherFor(ctx: AppContext, name: ChannelName, module: ChannelModule | undefined): Publisher {
  const real: Publisher | undefined = module?.publisher?.(channelContext(ctx));
  return real ?? new SimulatedPublisher(name, ctx.log);
}

/**
 * Starts the outbox relay, two send processors per channel (one for messages to residents, one for the public feed,
 * so a feed backlog never delays a reply) and the reconciler of interrupted sends. Returns a stop that lets running sends finish.
 */
export async function startOutbound(ctx: AppContext, channels: readonly ChannelModule[], options: OutboundOptions = {}): Promise<Stop> {
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const publishers = new Map<ChannelName, Publisher>();
  // Every name a notification row can carry gets its queues (the given channels may be a test's own), so no row waits for a worker that never comes.
  for (const name of new Set([...CHANNEL_NAMES, ...channels.map((c) => c.name)])) {
    const channelModule = channels.find((c) => c.name === name);
    const budget = channelModule?.textBudget ?? characterBudget();
    const publisher = publisherFor(ctx, name, channelModule);
    publishers.set(name, publisher);
    const work = { concurrency: options.concurrency ?? 8, retry };
    ctx.queue.work(outboundQueue(name), sendProcessor(ctx, name, publisher, budget, retry), work);
    ctx.queue.work(outboundQueue(name, true), sendProcessor(ctx, name, publisher, budget, retry), work);
  }
  const relay = new OutboxRelay(ctx, { pollMs: ctx.config.outboxPollMs, ...options.relay });
  await relay.start();
  const reconciler = new Reconciler(ctx, publishers, { ...ctx.config.reconcile, ...options.reconcile });
  reconciler.start();
  return async () => {
    await reconciler.stop();
    await relay.stop();
    await ctx.queue.close();
  };
}
