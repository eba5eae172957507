import type { Catalog } from '../catalog/catalog';
import type { ConnectorConfig } from '../connectors-contract/config';
import type { ConnectorCase, ConnectorChange, ConnectorDelivery, DeliveryKind } from '../connectors-contract/connector';
import { isPublicUrl } from '../domain/public-url';
import type { CaseEvent, CaseRecord, Media } from '../domain/types';

function urls(media: unknown): string[] {
  // Only addresses the downstream can fetch: a photo kept behind our own login would be a broken link there.
  return Array.isArray(media) ? (media as Media[]).map((m) => m?.url).filter(isPublicUrl) : [];
}

/** The case as connectors see it: reporter details only for a connector configured to send them. */
export function connectorCase(c: CaseRecord, catalog: Catalog, publicBaseUrl: string, config: ConnectorConfig): ConnectorCase {
  const view: ConnectorCase = {
    id: Number(c.service_request_id),
    service_code: c.service_code,
    service_name: catalog.name(c.service_code),
    department: c.department,
    status: c.status,
    description: c.description,
    lat: c.lat,
    lon: c.lon,
    address: c.address,
    media_urls: urls(c.media),
    attributes: c.attributes,
    status_notes: c.status_notes,
    created_at: new Date(c.created_at).toISOString(),
    updated_at: new Date(c.updated_at).toISOString(),
    url: `${publicBaseUrl}/cases/${c.service_request_id}`,
  };
  if (config.type === 'open311' && config.send_reporter) {
    view.reporter = { name: c.reporter.name, email: c.reporter.email, phone: c.reporter.phone };
  }
  return view;
}

function change(e: CaseEvent): ConnectorChange {
  const d = e.data;
  const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
  if (e.type === 'comment') return { type: e.type, text: s(d.text), media_urls: urls(d.media) };
  // Another resident's report of the same problem, linked to this case: their words and photos are news downstream.
  if (e.type === 'updated' && Array.isArray(d.amended)) return { type: 'amended' };
  if (e.type === 'duplicate_linked') return { type: e.type, text: s(d.description), media_urls: urls(d.media) };
  return { type: e.type, from: s(d.from), to: s(d.to) ?? s(d.into === undefined ? undefined : String(d.into)) };
}

/** One delivery as its connector gets it. `kind` may differ from the row's: see deliver-processor. */
export function connectorDelivery(kind: DeliveryKind, c: ConnectorCase, e: CaseEvent, externalId: string | undefined): ConnectorDelivery {
  return {
    eventId: `intake311-${e.id}`,
    kind,
    occurredAt: new Date(e.created_at).toISOString(),
    case: c,
    change: change(e),
    externalId,
  };
}
