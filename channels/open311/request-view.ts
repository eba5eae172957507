import type { Catalog } from '../../src/channels/channel';
import type { PublicCaseUpdate } from '../../src/channels/port';
import type { Language } from '../../src/domain/classifier';
import { firstPhotoUrl, publicPhotoUrls } from '../../src/domain/media-url';
import type { PublicCase } from '../../src/domain/types';
import { w3cDate } from './dates';
import { toRequestUpdate } from './updates-view';

/**
 * A case as a GeoReport service request. Public by construction: built field by field from the store's public
 * read (its description and address already masked); reporter contact details never leave the store.
 */
export function toServiceRequest(c: PublicCase, catalog: Catalog, lang: Language, baseUrl: string) {
  return {
    // A string, as the spec's schemas and validators require (ids elsewhere are not always numbers).
    service_request_id: String(c.service_request_id),
    status: c.status === 'closed' ? 'closed' : 'open',
    status_notes: c.status_notes,
    service_name: catalog.name(c.service_code, lang),
    service_code: c.service_code,
    description: c.description,
    agency_responsible: c.department,
    service_notice: null,
    requested_datetime: w3cDate(c.created_at),
    updated_datetime: w3cDate(c.updated_at),
    expected_datetime: null,
    address: c.address,
    address_id: c.address_id,
    zipcode: null,
    lat: c.lat,
    long: c.lon,
    // Our processed copy (stripped of metadata, at our URL), never the URL the photo came from.
    media_url: firstPhotoUrl(c, baseUrl),
  };
}

/**
 * `extensions=true`: the fields FixMyStreet and Boston serve beside the spec's, under `extended_attributes`: the
 * public updates, every public photo, the case it duplicates, and how it was closed.
 */
export function extendedAttributes(c: PublicCase, updates: PublicCaseUpdate[], baseUrl: string) {
  const urls = publicPhotoUrls(c, baseUrl);
  return {
    extended_attributes: {
      status_detail: c.status,
      duplicate_of: c.duplicate_of === null ? null : String(c.duplicate_of),
      closed_datetime: w3cDate(c.closed_at),
      closure_media_url: urls.closure,
      media_urls: urls.photos,
      updates: updates.map(toRequestUpdate),
    },
  };
}
