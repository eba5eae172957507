import type { ChannelModule } from '../../src/channels/channel';

/** The sms channel. */
export const smsChannel: ChannelModule = {
  name: 'sms',
};
