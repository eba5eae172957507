import type { Catalog, ServiceAttribute } from '../../catalog/catalog';
import { verifiedValue } from '../../channels/signed-link';
import type { Language } from '../../domain/classifier';
import { cleanText } from '../../domain/clean-text';
import { toE164 } from '../../domain/phone';
import type { Place, PlacesPort } from '../../domain/place';
import { MAX_DESCRIPTION } from '../../domain/types';
import { fill, type Strings } from '../i18n';
import { formIdOf, newFormId } from './guard';

export const MAX_ADDRESS = 200;
const MAX_EMAIL = 254;
const MAX_ATTRIBUTE = 500;

/** What the resident typed, kept as typed so a refused form comes back filled in. */
export interface Draft {
  form: string;
  address: string;
  lat: string;
  lon: string;
  description: string;
  serviceCode: string;
  phone: string;
  email: string;
  private: boolean;
  /** The staged photo, signed (`open311-media/<sha>.<ext>.<signature>`), or ''. */
  photo: string;
  attributes: Record<string, string | string[]>;
  /** The category whose questions the page showed. */
  attrsFor: string;
}

/** A new, empty form. */
export function emptyDraft(form: string): Draft {
  return {
    form,
    address: '',
    lat: '',
    lon: '',
    description: '',
    serviceCode: '',
    phone: '',
    email: '',
    private: false,
    photo: '',
    attributes: {},
    attrsFor: '',
  };
}

/** Messages keyed by field name, shown next to the field. */
export type FieldErrors = Record<string, string>;

function field(body: Record<string, unknown>, name: string, max = 10_000): string {
  const v = body[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? cleanText(s).slice(0, max) : '';
}

/** Reads the form's fields; unknown fields are ignored and every value is text, whatever was posted. */
export function readDraft(body: Record<string, unknown> = {}, catalog: Catalog): Draft {
  const attributes: Record<string, string | string[]> = {};
  for (const service of catalog.services) {
    for (const a of service.attributes) {
      const v = body[`attr_${a.code}`];
      if (a.datatype === 'multivaluelist') {
        const list = (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string').map((x) => cleanText(x));
        if (list.length) attributes[a.code] = list.slice(0, 50);
      } else if (typeof v === 'string' && v.trim())
        attributes[a.code] = cleanText(v)
          .trim()
          .slice(0, MAX_ATTRIBUTE + 1);
    }
  }
  return {
    form: formIdOf(body.form) ?? newFormId(),
    address: field(body, 'address', MAX_ADDRESS + 1).trim(),
    lat: field(body, 'lat', 30).trim(),
    lon: field(body, 'lon', 30).trim(),
    description: field(body, 'description', MAX_DESCRIPTION + 1).trim(),
    serviceCode: field(body, 'service_code', 100),
    phone: field(body, 'phone', 40).trim(),
    email: field(body, 'email', MAX_EMAIL + 1).trim(),
    private: field(body, 'private') === '1',
    photo: field(body, 'photo', 300),
    attributes,
    attrsFor: field(body, 'attrs_for', 100),
  };
}

/** The staged photo's file, when the signed name checks out. */
export function stagedPhoto(draft: Draft, secret: string): string | undefined {
  const file = verifiedValue(secret, 'upload', draft.photo);
  return file && /^open311-media\/[0-9a-f]{64}\.[a-z0-9]+$/.test(file) ? file : undefined;
}

/** How to reach the resident back, as they gave it (both optional). */
export interface Contact {
  phone?: string;
  email?: string;
}

/** The phone and email fields, checked: an error names each field that is not something we can reach. */
export function checkContact(draft: Draft, t: Strings, errors: FieldErrors): Contact {
  const out: Contact = {};
  if (draft.phone) {
    const e164 = toE164(draft.phone);
    if (e164) out.phone = e164;
    else errors.phone = t.errors.phoneInvalid;
  }
  if (draft.email) {
    if (draft.email.length <= MAX_EMAIL && /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/.test(draft.email)) out.email = draft.email;
    else errors.email = t.errors.emailInvalid;
  }
  return out;
}

function coordinate(text: string, min: number, max: number): number | undefined {
  if (!/^-?\d{1,3}(\.\d{1,12})?$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/**
 * Where the problem is: the pin or GPS point when the browser set one (the typed words then only describe it),
 * else the typed address, geocoded. An error names `address` when there is nothing, nothing found, or a place
 * outside the city.
 */
export async function checkPlace(
  draft: Draft,
  places: PlacesPort,
  lang: Language,
  t: Strings,
  city: string,
  errors: FieldErrors,
): Promise<Place | undefined> {
  if (draft.address.length > MAX_ADDRESS) {
    errors.address = fill(t.errors.addressLong, { n: MAX_ADDRESS });
    return undefined;
  }
  const lat = coordinate(draft.lat, -90, 90);
  const lon = coordinate(draft.lon, -180, 180);
  let place: Place | undefined;
  if (lat !== undefined && lon !== undefined) place = await places.locate({ lat, lon });
  else if (draft.address) place = await places.locate(draft.address, { language: lang });
  else {
    errors.address = t.errors.addressRequired;
    return undefined;
  }
  if (!place) errors.address = t.errors.addressNotFound;
  else if (!place.inside) errors.address = fill(t.errors.addressOutside, { city });
  return errors.address ? undefined : place;
}

/** The description: required, within Open311's length. */
export function checkDescription(draft: Draft, t: Strings, errors: FieldErrors): void {
  if (!draft.description) errors.description = t.errors.descriptionRequired;
  else if (draft.description.length > MAX_DESCRIPTION) {
    errors.description = fill(t.errors.descriptionLong, { len: draft.description.length, n: MAX_DESCRIPTION });
  }
}

/** The answers to a category's questions, checked against the catalog: required ones present, list answers from the list. */
export function checkAttributes(attributes: ServiceAttribute[], draft: Draft, t: Strings, errors: FieldErrors): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const a of attributes) {
    const name = `attr_${a.code}`;
    const v = draft.attributes[a.code];
    const values = v === undefined ? [] : Array.isArray(v) ? v : [v];
    if (!values.length) {
      if (a.required) errors[name] = t.errors.attributeRequired;
      continue;
    }
    if (a.values) {
      const keys = new Set(a.values.map((x) => x.key));
      if (!values.every((x) => keys.has(x)) || (a.datatype === 'singlevaluelist' && values.length > 1)) {
        errors[name] = t.errors.attributeInvalid;
        continue;
      }
    } else if (a.datatype === 'number' && !/^-?\d+(\.\d+)?$/.test(values[0])) {
      errors[name] = t.errors.attributeNumber;
      continue;
    } else if (values[0].length > MAX_ATTRIBUTE) {
      errors[name] = fill(t.errors.attributeLong, { n: MAX_ATTRIBUTE });
      continue;
    }
    out[a.code] = a.datatype === 'multivaluelist' ? values : values[0];
  }
  return out;
}
