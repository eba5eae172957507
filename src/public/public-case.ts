import type { Catalog } from '../catalog/catalog';
import type { Language } from '../domain/classifier';
import { publicPhotoUrls } from '../domain/media-url';
import { publicCaseText } from '../domain/public-text';
import type { CaseRecord, CaseStatus } from '../domain/types';

/**
 * What the public may see of a case: the problem, where, and what the city did. Built field by field
 * (never by copying the record) so a field added to cases later is not published by accident.
 */
export interface PublicCase {
  id: number;
  service_code: string;
  service_name: string;
  status: CaseStatus;
  description: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  photos: string[];
  status_notes: string | null;
  closure_media_url: string | null;
  duplicate_of: number | null;
  requested_at: string;
  updated_at: string;
  closed_at: string | null;
  url: string;
}

export function toPublicCase(c: CaseRecord, catalog: Catalog, lang: Language, baseUrl: string): PublicCase {
  const urls = publicPhotoUrls(c, baseUrl);
  const text = publicCaseText(c);
  return {
    id: Number(c.service_request_id),
    service_code: c.service_code,
    service_name: catalog.name(c.service_code, lang),
    status: c.status,
    description: text.masked_description,
    address: text.masked_address,
    lat: c.lat,
    lon: c.lon,
    // Our processed copies only: never the URL the photo came from.
    photos: urls.photos,
    status_notes: c.status_notes,
    closure_media_url: urls.closure,
    duplicate_of: c.duplicate_of === null ? null : Number(c.duplicate_of),
    requested_at: new Date(c.created_at).toISOString(),
    updated_at: new Date(c.updated_at).toISOString(),
    closed_at: c.closed_at ? new Date(c.closed_at).toISOString() : null,
    url: `${baseUrl}/cases/${c.service_request_id}`,
  };
}
