import type { WebhookConnectorConfig } from '../../src/connectors-contract/config';
import type { ConnectorModule } from '../../src/connectors-contract/connector';
import { fetchWithin, throwForStatus } from '../../src/connectors-contract/http';
import { SIGNATURE_HEADER, sign } from '../../src/connectors-contract/signature';
import { webhookEvent } from './event';
import { parseInbound } from './inbound';

/** A receiver may answer `{"external_id": "..."}` to tell us its id for the case. */
function externalIdOf(text: string): string | undefined {
  try {
    const v = (JSON.parse(text) as { external_id?: unknown }).external_id;
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  } catch {
    return undefined;
  }
}

/** The signed webhook connector, for any system with an HTTP endpoint: events out, status changes back in. */
export const webhookConnector: ConnectorModule<WebhookConnectorConfig> = {
  type: 'webhook',
  create(config) {
    const what = `webhook connector ${config.id}`;
    return {
      id: config.id,
      type: 'webhook',
      // The event id is stable: a receiver that keeps the first of each id sees a resend as the repeat it is.
      resendSafe: config.resend_interrupted ?? true,
      async deliver(d) {
        const body = JSON.stringify(webhookEvent(d));
        const res = await fetchWithin(
          config.url,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(config.secret, body), 'x-intake311-event-id': d.eventId },
            body,
          },
          config.timeout_ms,
          what,
        );
        const text = await res.text();
        throwForStatus(res, text, what);
        return { externalId: externalIdOf(text) ?? d.externalId };
      },
      verifyInbound: (request) => parseInbound(config, request),
    };
  },
};
