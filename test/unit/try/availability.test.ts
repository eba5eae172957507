import { loadConfig } from '../../../src/config';
import { CHANNELS } from '../../../src/registry';
import { channelModes, modeNotice } from '../../../src/try/availability';

describe('which channels /try can play', () => {
  const simulated = loadConfig({ DATA_DIR: '/tmp/unused' });

  it('plays every registered channel when no vendor credentials are set', () => {
    expect(channelModes(simulated, CHANNELS)).toEqual({ sms: 'simulated', voice: 'simulated', twitter: 'simulated' });
  });

  it('shows a channel this build has no webhook for as not available yet', () => {
    const modes = channelModes(simulated, CHANNELS.filter((c) => c.name !== 'voice'));
    expect(modes.voice).toBe('unavailable');
    expect(modeNotice('voice', modes.voice)).toMatch(/not available yet/);
  });

  it('never fakes Twilio once its credentials are set, for texts and calls alike', () => {
    const live = loadConfig({ DATA_DIR: '/tmp/unused', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', TWILIO_PHONE_NUMBER: '+16175550311' });
    expect(channelModes(live, CHANNELS)).toEqual({ sms: 'live', voice: 'live', twitter: 'simulated' });
    expect(modeNotice('sms', 'live')).toMatch(/live.*Twilio/);
  });
});
