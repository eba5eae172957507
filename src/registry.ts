import type { ChannelModule } from './channels/channel';
import { open311Channel } from '../channels/open311';
import { smsChannel } from '../channels/sms';
import { twitterChannel } from '../channels/twitter';
import { voiceChannel } from '../channels/voice';

/** The one place the core names concrete channels: adding a channel is a folder and a line here. */
export const CHANNELS: readonly ChannelModule[] = [smsChannel, voiceChannel, twitterChannel, open311Channel];
