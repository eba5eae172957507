import type { Open311ConnectorConfig } from '../../src/connectors-contract/config';
import type { ConnectorDelivery } from '../../src/connectors-contract/connector';

/** Builds the GeoReport v2 form bodies: a new request, and FixMyStreet's servicerequestupdates for later changes. */

function base(config: Open311ConnectorConfig): URLSearchParams {
  const form = new URLSearchParams({ api_key: config.api_key });
  if (config.jurisdiction_id) form.set('jurisdiction_id', config.jurisdiction_id);
  return form;
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** POST requests: the case with the service code mapped, where (lat/long, else the address), words, photo and attributes. */
export function requestForm(config: Open311ConnectorConfig, d: ConnectorDelivery): URLSearchParams {
  const c = d.case;
  const form = base(config);
  form.set('service_code', config.code_map[c.service_code] ?? c.service_code);
  if (c.lat !== null && c.lon !== null) {
    form.set('lat', String(c.lat));
    form.set('long', String(c.lon));
  }
  if (c.address) form.set('address_string', c.address);
  form.set('description', c.description || c.service_name);
  // The spec has one media_url; the first photo goes there, the case page links the rest.
  if (c.media_urls[0]) form.set('media_url', c.media_urls[0]);
  for (const [key, value] of Object.entries(c.attributes)) {
    const values = Array.isArray(value) ? value.map(scalar) : [scalar(value)];
    for (const v of values) if (v !== undefined) form.append(Array.isArray(value) ? `attribute[${key}][]` : `attribute[${key}]`, v);
  }
  if (config.send_reporter && c.reporter) {
    const [first, ...rest] = (c.reporter.name ?? '').trim().split(/\s+/);
    if (first) form.set('first_name', first);
    if (rest.length) form.set('last_name', rest.join(' '));
    if (c.reporter.email) form.set('email', c.reporter.email);
    if (c.reporter.phone) form.set('phone', c.reporter.phone);
  }
  return form;
}

/** What an update says, in words a downstream agent reads. */
function updateText(d: ConnectorDelivery): string {
  const ch = d.change;
  if (ch.type === 'recategorized') return `Recategorised from ${ch.from ?? '?'} to ${d.case.service_code} (${d.case.service_name}).`;
  if (ch.type === 'comment') return ch.text || 'The resident sent a photo.';
  if (ch.type === 'amended') return `Description filled in: ${d.case.description}`;
  if (ch.type === 'duplicate_linked') return `Another resident reported the same problem${ch.text ? `: ${ch.text}` : '.'}`;
  if (ch.type === 'closed' || ch.type === 'merged') return d.case.status_notes || 'Closed by 311 staff.';
  if (ch.type === 'reopened') return 'Reopened by 311 staff.';
  return `Status changed to ${d.case.status}.`;
}

/** POST servicerequestupdates (FixMyStreet's extension): our event id as update_id_ext makes a repeat a no-op. */
export function updateForm(config: Open311ConnectorConfig, d: ConnectorDelivery, externalId: string): URLSearchParams {
  const form = base(config);
  form.set('service_request_id', externalId);
  form.set('update_id_ext', d.eventId);
  form.set('updated_datetime', d.occurredAt);
  form.set('description', updateText(d));
  if (d.kind === 'closed') form.set('status', 'CLOSED');
  if (d.change.type === 'reopened') form.set('status', 'OPEN');
  const photo = d.change.media_urls?.[0];
  if (photo) form.set('media_url', photo);
  return form;
}
