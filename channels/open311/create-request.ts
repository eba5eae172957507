import type { Catalog, ServiceAttribute } from '../../src/channels/channel';
import { cleanText } from '../../src/domain/clean-text';
import { nonPublicUrlReason } from '../../src/domain/public-url';
import type { GeoPoint, InboundReport } from '../../src/domain/types';
import { MAX_DESCRIPTION } from '../../src/domain/types';
import { toE164 } from './phone';
import { Open311Error } from './respond';

/** A validated POST requests body, before it becomes an InboundReport. */
export interface NewServiceRequest {
  serviceCode: string;
  location?: GeoPoint;
  address?: string;
  addressId?: string;
  description: string;
  mediaUrl?: string;
  attributes: Record<string, string | string[]>;
  /** The resident's phone in E.164: they follow the case by SMS. */
  phone?: string;
  contact: { email?: string; first_name?: string; last_name?: string; device_id?: string; account_id?: string };
  /** intake311's extension `private=true`: the reporter asked to keep the case off public pages, feeds and Open311. */
  private: boolean;
}

const YES = new Set(['true', '1', 'yes', 'on']);
const NO = new Set(['false', '0', 'no', 'off']);

/** The `private` extension field: absent is false; anything but a yes/no word is refused, naming it. */
function privateFlag(body: Body): boolean {
  const v = text(body, 'private', 10)?.toLowerCase();
  if (v === undefined || NO.has(v)) return false;
  if (YES.has(v)) return true;
  throw new Open311Error(400, 'private must be true or false');
}

type Body = Record<string, unknown>;

function text(body: Body, name: string, max = 500): string | undefined {
  const v = body[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw new Open311Error(400, `${name} must be given once, as text`);
  const s = cleanText(String(v)).trim();
  if (s.length > max) throw new Open311Error(400, `${name} is ${s.length} characters; the limit is ${max}`);
  return s || undefined;
}

function coordinate(body: Body, name: 'lat' | 'long', limit: number): number | undefined {
  const v = text(body, name, 40);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw new Open311Error(400, `${name} "${v}" must be a number between -${limit} and ${limit}`);
  return n;
}

/** `attribute[code]=v` arrives as an object (form, or JSON `{"attribute": {...}}`) or as flat `attribute[code]` keys (JSON). */
function rawAttributes(body: Body): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nested = body.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) Object.assign(out, nested);
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
    if (m) out[m[1]] = v;
  }
  return out;
}

function checkAttribute(code: string, a: ServiceAttribute, value: unknown): string | string[] {
  const values = (Array.isArray(value) ? value : [value]).map((v) => cleanText(String(v)).trim()).filter(Boolean);
  const name = `attribute[${code}]`;
  if (a.datatype === 'multivaluelist' || a.datatype === 'singlevaluelist') {
    const keys = (a.values ?? []).map((v) => v.key);
    const bad = values.find((v) => !keys.includes(v));
    if (bad !== undefined) throw new Open311Error(400, `${name} "${bad}" is not one of its values (${keys.join(', ')})`);
    if (a.datatype === 'singlevaluelist' && values.length > 1) throw new Open311Error(400, `${name} takes one value`);
    return a.datatype === 'multivaluelist' ? values : values[0];
  }
  if (values.length > 1) throw new Open311Error(400, `${name} takes one value`);
  const v = values[0];
  if (a.datatype === 'number' && !Number.isFinite(Number(v))) throw new Open311Error(400, `${name} "${v}" must be a number`);
  if (a.datatype === 'datetime' && Number.isNaN(Date.parse(v))) throw new Open311Error(400, `${name} "${v}" must be a date-time`);
  if (v.length > 1000) throw new Open311Error(400, `${name} is longer than 1000 characters`);
  return v;
}

function attributes(body: Body, catalog: Catalog, serviceCode: string): Record<string, string | string[]> {
  const definition = catalog.get(serviceCode)?.attributes ?? [];
  const given = rawAttributes(body);
  const out: Record<string, string | string[]> = {};
  for (const code of Object.keys(given)) {
    if (!definition.some((a) => a.code === code)) {
      throw new Open311Error(400, `attribute[${code}] is not an attribute of service_code "${serviceCode}"; GET services/${serviceCode} lists them`);
    }
  }
  for (const a of definition) {
    const value = given[a.code];
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (a.required) throw new Open311Error(400, `attribute[${a.code}] is required for service_code "${serviceCode}"`);
      continue;
    }
    out[a.code] = checkAttribute(a.code, a, value);
  }
  return out;
}

/** Validates a POST requests body against the spec and the service definition. Errors name the field. */
export function parseNewRequest(body: Body, catalog: Catalog): NewServiceRequest {
  const serviceCode = text(body, 'service_code', 100);
  if (!serviceCode) throw new Open311Error(400, 'service_code is required; GET services for the list');
  if (!catalog.has(serviceCode)) throw new Open311Error(400, `service_code "${serviceCode}" is not in the catalog; GET services for the list`);
  const lat = coordinate(body, 'lat', 90);
  const lon = coordinate(body, 'long', 180);
  if ((lat === undefined) !== (lon === undefined)) throw new Open311Error(400, 'lat and long must be given together');
  const address = text(body, 'address_string');
  const addressId = text(body, 'address_id', 100);
  if (lat === undefined && !address && !addressId) {
    throw new Open311Error(400, 'a location is required: lat and long, address_string or address_id');
  }
  const description = text(body, 'description', MAX_DESCRIPTION) ?? '';
  const mediaUrl = text(body, 'media_url', 2000);
  const mediaProblem = mediaUrl && nonPublicUrlReason(mediaUrl);
  if (mediaProblem) throw new Open311Error(400, `media_url ${mediaProblem}`);
  const rawPhone = text(body, 'phone', 40);
  const phone = rawPhone === undefined ? undefined : toE164(rawPhone);
  if (rawPhone !== undefined && !phone) throw new Open311Error(400, 'phone must be a phone number, e.g. +16175550123');
  return {
    serviceCode,
    location: lat !== undefined && lon !== undefined ? { lat, lon } : undefined,
    address,
    addressId,
    description,
    mediaUrl,
    attributes: attributes(body, catalog, serviceCode),
    phone,
    private: privateFlag(body),
    contact: {
      email: text(body, 'email', 254),
      first_name: text(body, 'first_name', 100),
      last_name: text(body, 'last_name', 100),
      device_id: text(body, 'device_id', 200),
      account_id: text(body, 'account_id', 200),
    },
  };
}

/** The InboundReport intake stores. Contact details go to the private reporter record only. */
export function toInboundReport(r: NewServiceRequest, providerMessageId: string, client: string, raw: unknown): InboundReport {
  const name = [r.contact.first_name, r.contact.last_name].filter(Boolean).join(' ') || undefined;
  return {
    channel: 'open311',
    providerMessageId,
    reporter: { name, email: r.contact.email, phone: r.phone },
    text: r.description,
    media: r.mediaUrl ? [{ url: r.mediaUrl }] : [],
    location: r.location,
    address: r.address,
    serviceCode: r.serviceCode,
    attributes: r.attributes,
    public: !r.private,
    details: {
      open311_client: client,
      ...(r.addressId ? { open311_address_id: r.addressId } : {}),
      ...(r.contact.device_id ? { open311_device_id: r.contact.device_id } : {}),
      ...(r.contact.account_id ? { open311_account_id: r.contact.account_id } : {}),
    },
    raw,
  };
}
