import { open311Channel } from '../channels/open311';
import { smsChannel } from '../channels/sms';
import { twitterChannel } from '../channels/twitter';
import { voiceChannel } from '../channels/voice';
import type { ChannelModule } from './channels/channel';
import { type ChannelName, SITE_CHANNEL } from './domain/types';

/** The one place the core names concrete channels: adding a channel is a folder and a line here. */
export const CHANNELS: readonly ChannelModule[] = [smsChannel, voiceChannel, twitterChannel, open311Channel];

/** Every name a case, subscription or message may carry: the registered channels, and the city's own site. */
export const CHANNEL_NAMES: readonly ChannelName[] = [...CHANNELS.map((c) => c.name), SITE_CHANNEL];
