import type { ChannelModule, Stop } from '../channels/channel';
import type { AppContext } from '../context';

/** Starts the outbox relay and the channel publishers. (Built by the outbound publisher issue.) */
export async function startOutbound(_ctx: AppContext, _channels: readonly ChannelModule[]): Promise<Stop> {
  return async () => undefined;
}
