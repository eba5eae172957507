import type { Open311ConnectorConfig } from '../../src/connectors-contract/config';
import type { ConnectorDelivery, DeliveryAccepted } from '../../src/connectors-contract/connector';
import { fetchWithin, throwForStatus } from '../../src/connectors-contract/http';
import { PermanentSendError } from '../../src/errors';
import { requestForm, updateForm } from './form';

/** A GeoReport v2 client for one downstream endpoint: JSON format, form-encoded POSTs. */
export class Open311Client {
  constructor(
    private readonly config: Open311ConnectorConfig,
    private readonly what = `open311 connector ${config.id}`,
  ) {}

  url(path: string, query: Record<string, string> = {}): string {
    const q = new URLSearchParams(query);
    if (this.config.jurisdiction_id) q.set('jurisdiction_id', this.config.jurisdiction_id);
    const qs = q.toString();
    return `${this.config.endpoint.replace(/\/+$/, '')}/${path}${qs ? `?${qs}` : ''}`;
  }

  /** GETs JSON; a 404 answers undefined (an endpoint or a token the server does not have). */
  async get(path: string, query: Record<string, string> = {}): Promise<unknown> {
    const res = await fetchWithin(this.url(path, query), { headers: { accept: 'application/json' } }, this.config.timeout_ms, this.what);
    if (res.status === 404) return undefined;
    const text = await res.text();
    throwForStatus(res, errorWords(text), `${this.what}: GET ${path}`);
    return parseJson(text, `${this.what}: GET ${path}`);
  }

  /** The case as a new request, or the change as an update of the request the downstream already has. */
  async deliver(d: ConnectorDelivery): Promise<DeliveryAccepted> {
    const isNew = d.kind === 'opened' || !d.externalId;
    const form = isNew ? requestForm(this.config, d) : updateForm(this.config, d, d.externalId!);
    const path = isNew ? 'requests.json' : 'servicerequestupdates.json';
    const res = await fetchWithin(
      `${this.config.endpoint.replace(/\/+$/, '')}/${path}`,
      {
        method: 'POST',
        // The same key on every try: a downstream that honours it (intake311 does) keeps one request.
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          'idempotency-key': `${d.eventId}-${this.config.id}`,
        },
        body: form.toString(),
      },
      this.config.timeout_ms,
      this.what,
    );
    const text = await res.text();
    throwForStatus(res, errorWords(text), `${this.what}: POST ${path}`);
    const first = firstOf(parseJson(text, `${this.what}: POST ${path}`));
    if (!isNew) return { externalId: d.externalId };
    const id = str(first?.service_request_id);
    const token = str(first?.token);
    if (!id && !token) throw new PermanentSendError(`${this.what}: POST requests.json answered with neither a service_request_id nor a token`);
    return id ? { externalId: id } : { token };
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PermanentSendError(`${what}: the answer is not JSON (${text.slice(0, 80)})`);
  }
}

/** GeoReport answers with a list of one; some servers with the object itself. */
export function firstOf(value: unknown): Record<string, unknown> | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

export function str(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** The spec's error list `[{code, description}]`, as words for last_error. */
function errorWords(text: string): string {
  try {
    const list = JSON.parse(text) as unknown;
    const items = Array.isArray(list) ? list : [list];
    return items
      .map((e) => str((e as { description?: unknown })?.description))
      .filter(Boolean)
      .join('; ');
  } catch {
    return text.slice(0, 200);
  }
}
