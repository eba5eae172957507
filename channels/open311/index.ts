import type { ChannelModule } from '../../src/channels/channel';

/** The open311 channel. */
export const open311Channel: ChannelModule = {
  name: 'open311',
};
