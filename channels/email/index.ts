import type { ChannelModule } from '../../src/channels/channel';
import { smtpOptionsFromUrl, smtpTransport } from '../../vendors/smtp/transport';
import { emailPublisher } from './publisher';

/** How long one SMTP conversation step may take before the send is retried. */
const SMTP_TIMEOUT_MS = 15_000;

/**
 * Email as a way to hear back: residents who give an address on the public site's forms get the tracking number,
 * updates and the closure by email, each with an unsubscribe link. Receives nothing. Without SMTP_URL there is no
 * publisher, so the outbound layer records the messages instead of sending them.
 */
export const emailChannel: ChannelModule = {
  name: 'email',
  publisher: (ctx) => {
    const url = ctx.config.email.smtpUrl;
    if (!url) return undefined;
    const transport = smtpTransport(smtpOptionsFromUrl(url, SMTP_TIMEOUT_MS));
    return emailPublisher({ transport, from: ctx.config.email.from, publicBaseUrl: ctx.config.publicBaseUrl, linkSecret: ctx.linkSecret });
  },
};

declare module '../../src/domain/types' {
  interface ChannelNames {
    email: true;
  }
}
