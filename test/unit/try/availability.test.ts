import type { ChannelModule } from '../../../src/channels/channel';
import { type Config, loadConfig } from '../../../src/config';
import { CHANNELS } from '../../../src/registry';
import { simulatedChannels } from '../../../src/try/availability';

const modes = (config: Config, channels: readonly ChannelModule[]) =>
  Object.fromEntries(simulatedChannels(config, channels).map((c) => [c.name, c.mode]));

describe('which channels /try can play', () => {
  const simulated = loadConfig({ DATA_DIR: '/tmp/unused' });

  it('plays every registered channel when no vendor credentials are set', () => {
    expect(modes(simulated, CHANNELS)).toEqual({ sms: 'simulated', voice: 'simulated', twitter: 'simulated' });
  });

  it('shows a channel this build has no webhook for as not available yet', () => {
    const withoutRoutes = CHANNELS.map((c) => (c.name === 'voice' ? { ...c, routes: undefined } : c));
    const voice = simulatedChannels(simulated, withoutRoutes).find((c) => c.name === 'voice');
    expect(voice?.mode).toBe('unavailable');
    expect(voice?.notice).toMatch(/not available yet/);
  });

  it('never fakes Twilio once its credentials are set, for texts and calls alike', () => {
    const live = loadConfig({ DATA_DIR: '/tmp/unused', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', TWILIO_PHONE_NUMBER: '+16175550311' });
    expect(modes(live, CHANNELS)).toEqual({ sms: 'live', voice: 'live', twitter: 'simulated' });
    expect(simulatedChannels(live, CHANNELS).find((c) => c.name === 'sms')?.notice).toMatch(/live.*Twilio/);
  });
});
