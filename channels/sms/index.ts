import type { ChannelModule } from '../../src/channels/channel';
import { smsMediaSource } from './media-source';
import { twilioPublisher } from './publisher';
import { smsRoutes } from './routes';
import { smsSimulator } from './simulate';
import { SMS_TEXT_BUDGET } from './text-budget';

/**
 * The SMS channel: residents report by text through Twilio (webhook + TwiML conversation) and hear back
 * by SMS. In simulated mode there is no publisher, so the outbound layer records instead of sending.
 */
export const smsChannel: ChannelModule = {
  name: 'sms',
  routes: (ctx) => smsRoutes(ctx),
  textBudget: SMS_TEXT_BUDGET,
  publisher: (ctx) => (ctx.config.twilio.mode === 'live' ? twilioPublisher(ctx.config.twilio, ctx.config.publicBaseUrl) : undefined),
  mediaSource: (ctx) => smsMediaSource(ctx.config),
  simulator: smsSimulator,
};

declare module '../../src/domain/types' {
  interface ChannelNames {
    sms: true;
  }
}
