/**
 * An optional remote geocoder speaking the Nominatim or Photon HTTP API (both are what self-hosted OSM
 * geocoders serve). Used only as a fallback when the city's own data finds nothing, with a hard timeout, so a
 * slow or absent server never holds up a report. Failures are reported to `onError` and read as "nothing found".
 */
import type { GeoCandidate, GeoKind, GeoPoint, ReverseResult } from './types';

export type RemoteKind = 'nominatim' | 'photon';

export interface HttpGeocoderOptions {
  /** Base URL, e.g. https://nominatim.example.org or http://127.0.0.1:2322 (Photon). */
  url: string;
  kind: RemoteKind;
  /** Each request is abandoned after this many milliseconds. */
  timeoutMs: number;
  /** Sent as User-Agent (Nominatim's usage policy asks for one that names the application). Default "intake311". */
  userAgent?: string;
  /** Told about every failed request (timeout, HTTP error, unreadable body). */
  onError?: (err: Error) => void;
}

interface NominatimPlace {
  lat: string;
  lon: string;
  display_name?: string;
  category?: string;
  class?: string;
  type?: string;
  addresstype?: string;
}

interface PhotonFeature {
  geometry?: { coordinates?: [number, number] };
  properties?: { name?: string; housenumber?: string; street?: string; city?: string; district?: string; type?: string; osm_key?: string };
}

function nominatimKind(p: NominatimPlace): GeoKind {
  if (p.addresstype === 'house' || p.addresstype === 'building' || p.type === 'house') return 'address';
  if ((p.category ?? p.class) === 'highway') return 'street';
  return 'landmark';
}

function photonKind(f: PhotonFeature): GeoKind {
  const t = f.properties?.type;
  if (t === 'house' || f.properties?.housenumber) return 'address';
  if (t === 'street' || f.properties?.osm_key === 'highway') return 'street';
  return 'landmark';
}

function photonLabel(f: PhotonFeature): string {
  const p = f.properties ?? {};
  const first = p.housenumber && p.street ? `${p.housenumber} ${p.street}` : (p.name ?? p.street ?? '');
  return [first, p.district, p.city].filter(Boolean).join(', ');
}

/** Remote answers rank below local ones of the same kind: we know less about how they were made. */
const REMOTE_CONFIDENCE: Record<GeoKind, number> = { address: 0.7, intersection: 0.6, street: 0.45, landmark: 0.55, point: 0.5 };

export class HttpGeocoder {
  constructor(private readonly options: HttpGeocoderOptions) {}

  private async get(path: string, params: Record<string, string>): Promise<unknown> {
    const url = new URL(path, this.options.url.replace(/\/?$/, '/'));
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    try {
      const res = await fetch(url, {
        headers: { 'user-agent': this.options.userAgent ?? 'intake311', accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (!res.ok) throw new Error(`geocoder: ${url.origin}${url.pathname} answered HTTP ${res.status}`);
      return await res.json();
    } catch (err) {
      const e = err as Error;
      const reason =
        e.name === 'TimeoutError' ? new Error(`geocoder: ${url.origin}${url.pathname} did not answer within ${this.options.timeoutMs} ms`) : e;
      this.options.onError?.(reason);
      return undefined;
    }
  }

  async forward(text: string, language?: string, limit = 5): Promise<GeoCandidate[]> {
    const q = text.trim().slice(0, 300);
    if (!q) return [];
    const lang = language ? { [this.options.kind === 'photon' ? 'lang' : 'accept-language']: language.slice(0, 2) } : {};
    const rows =
      this.options.kind === 'photon'
        ? this.photon(await this.get('api', { q, limit: String(limit), ...lang }))
        : this.nominatim(await this.get('search', { q, format: 'jsonv2', limit: String(limit), ...lang }));
    return rows
      .slice(0, limit)
      .map((r, rank) => ({ ...r, confidence: Math.round((REMOTE_CONFIDENCE[r.kind] - 0.05 * rank) * 100) / 100, source: 'remote' as const }));
  }

  async reverse(point: GeoPoint): Promise<Pick<ReverseResult, 'address' | 'lat' | 'lon'> | undefined> {
    const params = { lat: String(point.lat), lon: String(point.lon) };
    const [first] =
      this.options.kind === 'photon'
        ? this.photon(await this.get('reverse', params))
        : this.nominatim(wrap(await this.get('reverse', { ...params, format: 'jsonv2' })));
    return first ? { address: first.address, lat: first.lat, lon: first.lon } : undefined;
  }

  private nominatim(body: unknown): Array<Omit<GeoCandidate, 'confidence' | 'source'>> {
    if (!Array.isArray(body)) return [];
    return (body as NominatimPlace[])
      .map((p) => ({ lat: Number(p.lat), lon: Number(p.lon), address: p.display_name ?? '', kind: nominatimKind(p) }))
      .filter((c) => Number.isFinite(c.lat) && Number.isFinite(c.lon) && c.address);
  }

  private photon(body: unknown): Array<Omit<GeoCandidate, 'confidence' | 'source'>> {
    const features = (body as { features?: PhotonFeature[] } | undefined)?.features;
    if (!Array.isArray(features)) return [];
    return features
      .map((f) => ({
        lat: Number(f.geometry?.coordinates?.[1]),
        lon: Number(f.geometry?.coordinates?.[0]),
        address: photonLabel(f),
        kind: photonKind(f),
      }))
      .filter((c) => Number.isFinite(c.lat) && Number.isFinite(c.lon) && c.address);
  }
}

/** Nominatim's reverse answers one object (or {error}); its search answers a list. */
function wrap(body: unknown): unknown[] {
  return body && typeof body === 'object' && !Array.isArray(body) && 'lat' in body ? [body] : [];
}
