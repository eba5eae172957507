import type { Catalog } from '../../src/channels/channel';
import type { Language } from '../../src/domain/classifier';
import { isPublicUrl } from '../../src/domain/public-url';
import type { CaseRecord } from '../../src/domain/types';
import { maskPersonalData } from '../../src/channels/web';

/** W3C date-time with its zone, without milliseconds (older clients' parsers reject fractions). */
export function w3cDate(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A case as a GeoReport service request. Public by construction: built field by field, with the
 * resident's description masked; reporter contact details never leave the store.
 */
export function toServiceRequest(c: CaseRecord, catalog: Catalog, lang: Language) {
  const addressId = c.details.open311_address_id;
  return {
    service_request_id: Number(c.service_request_id),
    status: c.status === 'closed' ? 'closed' : 'open',
    status_notes: c.status_notes,
    service_name: catalog.name(c.service_code, lang),
    service_code: c.service_code,
    description: maskPersonalData(c.description),
    agency_responsible: c.department,
    service_notice: null,
    requested_datetime: w3cDate(c.created_at),
    updated_datetime: w3cDate(c.updated_at),
    expected_datetime: null,
    address: c.address === null ? null : maskPersonalData(c.address),
    address_id: typeof addressId === 'string' ? addressId : null,
    zipcode: null,
    lat: c.lat,
    long: c.lon,
    // Only a public host's URL is published, even if another was stored before such URLs were refused.
    media_url: c.media.map((m) => m.url).find(isPublicUrl) ?? null,
  };
}
