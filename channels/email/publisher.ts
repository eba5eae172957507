import type { Transporter } from 'nodemailer';
import type { OutboundMessage, Publisher, SendResult } from '../../src/channels/channel';
import { unsubscribeUrl } from '../../src/channels/signed-link';
import { maskPersonalData } from '../../src/channels/web';
import { smtpSendError } from '../../vendors/smtp/transport';
import { residentEmail } from './message';

export interface EmailPublisherOptions {
  transport: Transporter;
  /** EMAIL_FROM. */
  from: string;
  publicBaseUrl: string;
  linkSecret: string;
}

/**
 * Sends residents' notifications by email, one message per notification, threaded by case. A mail server cannot be
 * asked whether it took a message, so there is no lookup: an interrupted send is settled as not sent (at most once).
 */
export function emailPublisher(o: EmailPublisherOptions): Publisher {
  const host = new URL(o.publicBaseUrl).hostname || 'localhost';
  return {
    async send(m: OutboundMessage): Promise<SendResult> {
      const n = m.notification;
      const unsubscribe = n.subscription_id === null ? undefined : unsubscribeUrl(o.publicBaseUrl, o.linkSecret, Number(n.subscription_id));
      const mail = residentEmail(n.kind, Number(n.case_id), n.language, m.text, unsubscribe);
      const thread = `<case-${n.case_id}@${host}>`;
      try {
        const info = await o.transport.sendMail({
          from: o.from,
          to: n.recipient,
          subject: mail.subject,
          text: mail.text,
          messageId: `<notification-${n.id}@${host}>`,
          inReplyTo: thread,
          references: [thread],
          headers: mail.headers,
        });
        return { providerId: String(info.messageId ?? `<notification-${n.id}@${host}>`) };
      } catch (err) {
        // Mail servers quote the address they refused; the reason is stored and logged, so it is masked first.
        throw smtpSendError(err, 'email', maskPersonalData);
      }
    },
  };
}
