import type { Catalog } from '../catalog/catalog';
import type { ConnectorDelivery, DeliveryKind } from '../connectors-contract/connector';
import type { CaseEvent } from '../domain/types';
import { getCase } from '../storage/cases-repo';
import type { Database } from '../storage/database';
import type { ConfiguredConnector } from './connector-set';
import { type DeliveryRow, earlierUnsent, getDelivery, getLink, markSending, settleDelivery } from './delivery-store';
import { connectorCase, connectorDelivery } from './delivery-view';

export const INTERRUPTED_DELIVERY_REASON =
  'interrupted while sending: the downstream may have it, and this connector cannot recognise a resend, so it was not sent again; check the downstream, then resend if it is missing';

export type DeliveryClaim =
  | { kind: 'claimed'; row: DeliveryRow; delivery: ConnectorDelivery }
  /** An earlier delivery of the case (or a token) must settle first: retry later. */
  | { kind: 'wait'; reason: string; token?: string }
  | { kind: 'settled' | 'missing' | 'dead' };

/**
 * Takes a delivery for one attempt, in order per case and connector: an update waits until the downstream has the
 * case (and its id, where it answered with a token). A row found `sending` was interrupted by a dead worker: sent
 * again only when the connector's downstream recognises the repeat (the same event id), otherwise dead-lettered.
 */
export async function claimDelivery(
  db: Database,
  id: number,
  cc: ConfiguredConnector,
  deps: { catalog: Catalog; publicBaseUrl: string },
): Promise<DeliveryClaim> {
  return db.transaction(async (tx) => {
    const row = await getDelivery(tx, id, true);
    if (!row) return { kind: 'missing' };
    if (row.status === 'sent' || row.status === 'dead') return { kind: 'settled' };
    if (row.status === 'sending' && !cc.connector.resendSafe) {
      await settleDelivery(tx, id, 'dead', INTERRUPTED_DELIVERY_REASON);
      return { kind: 'dead' };
    }
    const earlier = await earlierUnsent(tx, row);
    if (earlier?.status === 'dead') {
      await settleDelivery(tx, id, 'dead', `waits for delivery ${earlier.id} (${earlier.kind}), which failed; resend the case to this connector`);
      return { kind: 'dead' };
    }
    if (earlier) return { kind: 'wait', reason: `waiting for delivery ${earlier.id} (${earlier.kind}) of the same case` };
    const link = await getLink(tx, row.connector_id, row.case_id);
    let kind: DeliveryKind = row.kind;
    // The downstream never had the case (it was recategorised into this connector's codes): it gets it whole.
    if (kind !== 'opened' && !link) kind = 'opened';
    if (kind !== 'opened' && link && !link.external_id && link.token) {
      return { kind: 'wait', reason: `waiting for the downstream to turn token ${link.token} into a request id`, token: link.token };
    }
    const c = await getCase(tx, row.case_id);
    const { rows } = await tx.query<CaseEvent>('SELECT * FROM case_events WHERE id = $1', [row.event_id]);
    if (!c || !rows[0]) {
      await settleDelivery(tx, id, 'dead', `case ${row.case_id} or its event ${row.event_id} not found`);
      return { kind: 'dead' };
    }
    await markSending(tx, id);
    const view = connectorCase(c, deps.catalog, deps.publicBaseUrl, cc.config);
    return { kind: 'claimed', row, delivery: connectorDelivery(kind, view, rows[0], link?.external_id ?? undefined) };
  });
}
