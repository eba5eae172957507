import nodemailer from 'nodemailer';
import type { EmailConnectorConfig } from '../../src/connectors-contract/config';
import type { ConnectorModule } from '../../src/connectors-contract/connector';
import { PermanentSendError, TransientSendError } from '../../src/errors';
import { emailFor } from './message';

/** SMTP's 5xx replies are final (no such mailbox, refused); 4xx and connection failures pass. */
function typed(err: unknown, what: string): Error {
  const e = err as { responseCode?: number; code?: string; message?: string };
  const message = `${what}: ${e.message ?? String(err)}`;
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) return new PermanentSendError(message, e.responseCode);
  return new TransientSendError(message, e.responseCode ?? e.code);
}

/** Email to a department's inbox, for a city with no API: one message per change, threaded by the case. */
export const emailConnector: ConnectorModule<EmailConnectorConfig> = {
  type: 'email',
  create(config, deps) {
    const transport = nodemailer.createTransport({
      host: config.smtp.host,
      port: config.smtp.port,
      secure: config.smtp.secure,
      auth: config.smtp.user ? { user: config.smtp.user, pass: config.smtp.pass } : undefined,
      connectionTimeout: config.timeout_ms,
      greetingTimeout: config.timeout_ms,
      socketTimeout: config.timeout_ms,
    });
    const what = `email connector ${config.id}`;
    return {
      id: config.id,
      type: 'email',
      // A mail server cannot be asked whether it already took a message: an interrupted send goes to staff.
      resendSafe: config.resend_interrupted ?? false,
      async deliver(d) {
        try {
          const info = await transport.sendMail({ from: config.from, to: config.to, ...emailFor(d, deps.publicBaseUrl) });
          return { externalId: d.externalId ?? String(info.messageId) };
        } catch (err) {
          throw typed(err, what);
        }
      },
    };
  },
};
