import { emailChannel } from '../channels/email';
import { open311Channel } from '../channels/open311';
import { smsChannel } from '../channels/sms';
import { twitterChannel } from '../channels/twitter';
import { voiceChannel } from '../channels/voice';
import { emailConnector } from '../connectors/email';
import { open311Connector } from '../connectors/open311';
import { webhookConnector } from '../connectors/webhook';
import type { ChannelModule } from './channels/channel';
import type { ConnectorModule } from './connectors-contract/connector';
import { type ChannelName, SITE_CHANNEL } from './domain/types';

/** The one place the core names concrete channels: adding a channel is a folder and a line here. */
export const CHANNELS: readonly ChannelModule[] = [smsChannel, voiceChannel, twitterChannel, open311Channel, emailChannel];

/** Every name a case, subscription or message may carry: the registered channels, and the city's own site. */
export const CHANNEL_NAMES: readonly ChannelName[] = [...CHANNELS.map((c) => c.name), SITE_CHANNEL];

/** The one place the core names connector types (CONNECTORS_PATH `type`): adding one is a folder and a line here. */
export const CONNECTOR_MODULES: readonly ConnectorModule[] = [open311Connector, webhookConnector, emailConnector] as readonly ConnectorModule[];
