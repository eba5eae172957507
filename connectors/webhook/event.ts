import type { ConnectorDelivery } from '../../src/connectors-contract/connector';

/**
 * The documented webhook event (README "Connectors"): `id` is stable across retries, so the receiver keeps the first
 * and ignores repeats. `type` is `case.opened`, `case.updated` or `case.closed`.
 */
export interface WebhookEvent {
  id: string;
  type: `case.${ConnectorDelivery['kind']}`;
  occurred_at: string;
  /** What changed: our event type (opened, recategorized, status_changed, reopened, comment, duplicate_linked, amended, closed, merged) and its details. */
  change: ConnectorDelivery['change'];
  /** The id the receiver gave the case, once it answered with one (`{"external_id": ...}`). */
  external_id: string | null;
  case: ConnectorDelivery['case'];
}

export function webhookEvent(d: ConnectorDelivery): WebhookEvent {
  return { id: d.eventId, type: `case.${d.kind}`, occurred_at: d.occurredAt, change: d.change, external_id: d.externalId ?? null, case: d.case };
}
