import type { Open311ConnectorConfig } from '../../src/connectors-contract/config';
import type { ConnectorModule } from '../../src/connectors-contract/connector';
import { Open311Client, str } from './client';
import { Open311Puller } from './pull';

/**
 * The Open311 client connector: each case reaches a downstream GeoReport v2 server (a city CRM, or another
 * intake311) as a request, later changes as FixMyStreet-style updates, and status changes are pulled back.
 */
export const open311Connector: ConnectorModule<Open311ConnectorConfig> = {
  type: 'open311',
  create(config) {
    const client = new Open311Client(config);
    const puller = new Open311Puller(client, config);
    return {
      id: config.id,
      type: 'open311',
      // Every POST carries an Idempotency-Key; a server that ignores it should run with resend_interrupted false.
      resendSafe: config.resend_interrupted ?? true,
      pollMs: config.poll_seconds * 1000,
      deliver: (d) => client.deliver(d),
      async resolveToken(token) {
        const list = await client.get(`tokens/${encodeURIComponent(token)}.json`);
        const first = Array.isArray(list) ? list[0] : list;
        return str((first as { service_request_id?: unknown } | undefined)?.service_request_id);
      },
      pull: (cases, cursor) => puller.pull(cases, cursor),
    };
  },
};
