import type { ChannelModule } from '../../src/channels/channel';

/** The voice channel. */
export const voiceChannel: ChannelModule = {
  name: 'voice',
};
