import type { ChannelModule } from '../../src/channels/channel';

/** The twitter channel. */
export const twitterChannel: ChannelModule = {
  name: 'twitter',
};
