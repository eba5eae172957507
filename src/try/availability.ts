import type { ChannelModule } from '../channels/channel';
import type { ResidentSimulator, SimulatorProfile } from '../channels/simulator';
import type { Config } from '../config';
import type { ChannelName } from '../domain/types';

/**
 * How /try may use a channel: `simulated` (no real credentials: /try plays the vendor), `live` (real
 * credentials: /try refuses to fake the vendor) or `unavailable` (this build has no webhook for it yet).
 */
export type ChannelMode = 'simulated' | 'live' | 'unavailable';

/** A registered channel that can play a resident, with what it says about itself on this service. */
export interface SimulatedChannel {
  name: ChannelName;
  simulator: ResidentSimulator;
  profile: SimulatorProfile;
  mode: ChannelMode;
  /** Why it cannot be simulated, when it cannot. */
  notice?: string;
}

/** Why a channel cannot be simulated, in words for the page, the API and the command line. */
export function modeNotice(name: string, simulator: ResidentSimulator, mode: ChannelMode): string | undefined {
  const { vendor, device } = simulator.words;
  if (mode === 'live') {
    return `${name} is live: real ${vendor} credentials are set, so /try and simulate will not fake ${vendor}'s requests. Use a real ${device} instead.`;
  }
  if (mode === 'unavailable') return `${name} is not available yet: this build has no ${name} channel webhook.`;
  return undefined;
}

/** The channels with a resident simulator, in registry order, each with its mode for this configuration. */
export function simulatedChannels(config: Config, channels: readonly ChannelModule[]): SimulatedChannel[] {
  return channels.flatMap((c) => {
    if (!c.simulator) return [];
    const profile = c.simulator.profile(config);
    const mode: ChannelMode = profile.live ? 'live' : c.routes ? 'simulated' : 'unavailable';
    return [{ name: c.name, simulator: c.simulator, profile, mode, notice: modeNotice(c.name, c.simulator, mode) }];
  });
}
