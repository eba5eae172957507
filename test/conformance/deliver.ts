import type { ChannelModule } from '../../src/channels/channel';
import type { AppContext } from '../../src/context';
import { startOutbound } from '../../src/outbound/start-outbound';
import { getNotification } from '../../src/storage/notifications-repo';

/**
 * Delivers an outbox row the way production does (relay → queue → send processor → the channel's publisher)
 * and returns the provider id stored on the row. Stops the outbound side again (it closes ctx.queue).
 */
export async function deliverThroughOutbound(
  ctx: AppContext,
  channels: readonly ChannelModule[],
  notificationId: number,
  timeoutMs = 10000,
): Promise<string | null> {
  const stop = await startOutbound(ctx, channels);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const n = await getNotification(ctx.db, notificationId);
      if (n && !['pending', 'queued', 'sending'].includes(n.status)) {
        if (n.status !== 'sent' && n.status !== 'delivered') throw new Error(`notification ${notificationId} ended ${n.status}: ${n.last_error}`);
        return n.provider_id;
      }
      if (Date.now() > deadline) throw new Error(`notification ${notificationId} not delivered in ${timeoutMs} ms (status ${n?.status})`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    await stop();
  }
}
