import type { ChannelModule, Stop } from '../channels/channel';
import { channelContext, type AppContext } from '../context';
import type { ChannelName } from '../domain/types';
import { DEFAULT_RETRY, type RetryPolicy } from '../queue/job-queue';
import { CHANNEL_NAMES } from '../registry';
import type { Publisher } from './publisher';
import { outboundQueue, OutboxRelay, type RelayOptions } from './relay';
import { sendProcessor } from './send-processor';
import { SimulatedPublisher } from './simulated-publisher';
import { characterBudget } from './text-budget';

export interface OutboundOptions {
  /** Jobs run at once per channel queue. Default 8: providers answer in tens of milliseconds, the database is the limit. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  relay?: Partial<RelayOptions>;
}

/**
 * The channel's publisher, or a simulated one when the channel has none or is in simulated mode
 * (its `publisher(ctx)` then returns undefined).
 */
function publisherFor(ctx: AppContext, name: ChannelName, module: ChannelModule | undefined): Publisher {
  const real: Publisher | undefined = module?.publisher?.(channelContext(ctx));
  return real ?? new SimulatedPublisher(name, ctx.log);
}

/** Starts the outbox relay and one send processor per channel queue. Returns a stop that lets running sends finish. */
export async function startOutbound(ctx: AppContext, channels: readonly ChannelModule[], options: OutboundOptions = {}): Promise<Stop> {
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  // Every name a notification row can carry gets a queue (the given channels may be a test's own), so no row waits for a worker that never comes.
  for (const name of new Set([...CHANNEL_NAMES, ...channels.map((c) => c.name)])) {
    const channelModule = channels.find((c) => c.name === name);
    const budget = channelModule?.textBudget ?? characterBudget();
    ctx.queue.work(outboundQueue(name), sendProcessor(ctx, name, publisherFor(ctx, name, channelModule), budget, retry), { concurrency: options.concurrency ?? 8, retry });
  }
  const relay = new OutboxRelay(ctx, { pollMs: ctx.config.outboxPollMs, ...options.relay });
  await relay.start();
  return async () => {
    await relay.stop();
    await ctx.queue.close();
  };
}
