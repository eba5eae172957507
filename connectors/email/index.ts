import type { EmailConnectorConfig } from '../../src/connectors-contract/config';
import type { ConnectorModule } from '../../src/connectors-contract/connector';
import { smtpSendError, smtpTransport } from '../../vendors/smtp/transport';
import { emailFor } from './message';

/** Email to a department's inbox, for a city with no API: one message per change, threaded by the case. */
export const emailConnector: ConnectorModule<EmailConnectorConfig> = {
  type: 'email',
  create(config, deps) {
    const transport = smtpTransport({ ...config.smtp, timeoutMs: config.timeout_ms });
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
          throw smtpSendError(err, what);
        }
      },
    };
  },
};
