import type { ChannelModule } from '../channels/channel';
import type { Config } from '../config';

/** The resident channels /try can play. */
export type SimulatedChannel = 'sms' | 'voice' | 'twitter';
export const SIMULATED_CHANNELS: readonly SimulatedChannel[] = ['sms', 'voice', 'twitter'];

/**
 * How /try may use a channel: `simulated` (no real credentials: /try plays the provider), `live` (real
 * credentials: /try refuses to fake the provider) or `unavailable` (this build has no webhook for it yet).
 */
export type ChannelMode = 'simulated' | 'live' | 'unavailable';

/** Each channel's mode for this process's configuration and registered channels. */
export function channelModes(config: Config, channels: readonly ChannelModule[]): Record<SimulatedChannel, ChannelMode> {
  const mode = (name: SimulatedChannel, live: boolean): ChannelMode => {
    if (live) return 'live';
    return channels.some((c) => c.name === name && c.routes) ? 'simulated' : 'unavailable';
  };
  const twilioLive = config.twilio.mode === 'live';
  return {
    sms: mode('sms', twilioLive),
    voice: mode('voice', twilioLive),
    twitter: mode('twitter', config.twitter.mode === 'live'),
  };
}

/** Why a channel cannot be simulated, in words for the page, the API and the command line. */
export function modeNotice(channel: SimulatedChannel, mode: ChannelMode): string | undefined {
  if (mode === 'live') {
    const vendor = channel === 'twitter' ? 'X (Twitter)' : 'Twilio';
    return `${channel} is live: real ${vendor} credentials are set, so /try and simulate will not fake ${vendor}'s requests. Use a real ${channel === 'twitter' ? 'account' : 'phone'} instead.`;
  }
  if (mode === 'unavailable') return `${channel} is not available yet: this build has no ${channel} channel webhook.`;
  return undefined;
}
