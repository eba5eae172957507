import type { Catalog, ServiceAttribute } from '../../src/channels/channel';
import { cleanText } from '../../src/domain/clean-text';
import { toE164 } from '../../src/domain/phone';
import { nonPublicUrlReason } from '../../src/domain/public-url';
import type { GeoPoint, InboundReport } from '../../src/domain/types';
import { MAX_DESCRIPTION } from '../../src/domain/types';
import { Open311Error } from './respond';
import type { StoredUpload } from './uploads';

/** A validated POST requests body, before it becomes an InboundReport. */
export interface NewServiceRequest {
  serviceCode: string;
  location?: GeoPoint;
  address?: string;
  addressId?: string;
  description: string;
  mediaUrls: string[];
  attributes: Record<string, string | string[]>;
  /** The resident's phone in E.164, when it could be read as one: they follow the case by SMS. */
  phone?: string;
  /** The phone as the app sent it, kept for staff when it is not one SMS can reach (a local number, an extension). */
  phoneAsGiven?: string;
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

/** One text field of a form or JSON body: trimmed and cleaned, absent when empty, 400 naming it when repeated or too long. */
export function text(body: Body, name: string, max = 500): string | undefined {
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

const EXTRA_ATTRIBUTE_CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_EXTRA_ATTRIBUTES = 30;

/**
 * An attribute the service does not define (FixMyStreet adds `attribute[uprn]` and the like itself): kept on the
 * case as text for staff, as mySociety's reference server does, rather than refusing the resident's report.
 */
function extraAttribute(code: string, value: unknown): string | string[] | undefined {
  if (!EXTRA_ATTRIBUTE_CODE.test(code))
    throw new Open311Error(400, `attribute[${code.slice(0, 64)}]: attribute codes are letters, digits, _ . and - (at most 64)`);
  const values = (Array.isArray(value) ? value : [value])
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .map((v) => cleanText(String(v)).trim())
    .filter(Boolean);
  if (values.some((v) => v.length > 1000)) throw new Open311Error(400, `attribute[${code}] is longer than 1000 characters`);
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values.slice(0, 20);
}

function attributes(body: Body, catalog: Catalog, serviceCode: string): Record<string, string | string[]> {
  const definition = catalog.get(serviceCode)?.attributes ?? [];
  const given = rawAttributes(body);
  const out: Record<string, string | string[]> = {};
  const extra = Object.keys(given).filter((code) => !definition.some((a) => a.code === code));
  if (extra.length > MAX_EXTRA_ATTRIBUTES) {
    throw new Open311Error(
      400,
      `${extra.length} attributes that service_code "${serviceCode}" does not define; at most ${MAX_EXTRA_ATTRIBUTES} are kept`,
    );
  }
  for (const code of extra) {
    const v = extraAttribute(code, given[code]);
    if (v !== undefined) out[code] = v;
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

/** `media_url`, given once or repeated (`media_url=a&media_url=b`, or a JSON list): each must be a public http(s) URL. */
export function mediaUrls(body: Body): string[] {
  const raw = body.media_url;
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null || raw === '' ? [] : [raw];
  if (list.length > 10) throw new Open311Error(400, `media_url is given ${list.length} times; at most 10 are kept`);
  return list.map((v) => {
    const url = typeof v === 'string' ? cleanText(v).trim() : '';
    if (url.length > 2000) throw new Open311Error(400, `media_url is ${url.length} characters; the limit is 2000`);
    const problem = nonPublicUrlReason(url);
    if (problem) throw new Open311Error(400, `media_url ${problem}`);
    return url;
  });
}

/**
 * The phone field, never a reason to refuse a report: the spec's own example is `111111111`, and residents send
 * local, foreign and "ext." numbers. Only its first 40 characters are kept; undefined when empty.
 */
function phoneText(body: Body): string | undefined {
  const v = body.phone;
  const first = Array.isArray(v) ? v[0] : v;
  if (typeof first !== 'string' && typeof first !== 'number') return undefined;
  return cleanText(String(first)).trim().slice(0, 40) || undefined;
}

/** Validates a POST requests body against the spec and the service definition. Errors name the field. */
export function parseNewRequest(body: Body, catalog: Catalog): NewServiceRequest {
  const serviceCode = text(body, 'service_code', 100);
  if (!serviceCode) throw new Open311Error(400, 'service_code is required; GET services for the list');
  // The spec answers an unknown service_code with 404, as GET services/{code} does.
  if (!catalog.has(serviceCode)) throw new Open311Error(404, `service_code "${serviceCode}" is not in the catalog; GET services for the list`);
  const lat = coordinate(body, 'lat', 90);
  const lon = coordinate(body, 'long', 180);
  if ((lat === undefined) !== (lon === undefined)) throw new Open311Error(400, 'lat and long must be given together');
  const address = text(body, 'address_string');
  const addressId = text(body, 'address_id', 100);
  if (lat === undefined && !address && !addressId) {
    throw new Open311Error(400, 'a location is required: lat and long, address_string or address_id');
  }
  const description = text(body, 'description', MAX_DESCRIPTION) ?? '';
  const phoneAsGiven = phoneText(body);
  return {
    serviceCode,
    location: lat !== undefined && lon !== undefined ? { lat, lon } : undefined,
    address,
    addressId,
    description,
    mediaUrls: mediaUrls(body),
    attributes: attributes(body, catalog, serviceCode),
    phone: phoneAsGiven === undefined ? undefined : toE164(phoneAsGiven),
    phoneAsGiven,
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
export function toInboundReport(r: NewServiceRequest, providerMessageId: string, client: string, raw: unknown, upload?: StoredUpload): InboundReport {
  const name = [r.contact.first_name, r.contact.last_name].filter(Boolean).join(' ') || undefined;
  return {
    channel: 'open311',
    providerMessageId,
    reporter: { name, email: r.contact.email, phone: r.phone ?? r.phoneAsGiven },
    text: r.description,
    media: r.mediaUrls.map((url) => ({ url })),
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
      ...(upload ? { open311_upload: upload } : {}),
    },
    raw,
  };
}
