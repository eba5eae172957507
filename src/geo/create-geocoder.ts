/**
 * Builds the service's geocoder from configuration: the city's bundle (GEO_DATA_DIR, else the bundled
 * Boston data), and, when GEOCODER_URL is set, a remote geocoder asked only when the local data finds nothing.
 * Remote answers outside the city limit are dropped: a report's place must be one the city serves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadBundle } from './bundle';
import { GeoData } from './geo-data';
import { distanceMeters } from './geometry';
import { HttpGeocoder, type RemoteKind } from './http-geocoder';
import { LocalGeocoder, type LocalGeocoderOptions } from './local-geocoder';
import type { ForwardOptions, GeoCandidate, Geocoder, GeoPoint, LocateResult, ReverseResult } from './types';

/** The geocoding part of the service's configuration (src/config.ts). */
export interface GeoConfig {
  /** GEO_DATA_DIR: a folder written by `intake311 geo import`; unset: the bundled Boston data. */
  dataDir?: string;
  /** GEOCODER_URL, GEOCODER_KIND, GEOCODER_TIMEOUT_MS: the optional remote fallback. */
  remote?: { url: string; kind: RemoteKind; timeoutMs: number };
}

/** The bundled data: src/geo/data/boston, found from the sources (jest) or from the build (dist/src/geo). */
export const DEFAULT_GEO_DATA_DIR =
  [path.join(__dirname, 'data', 'boston'), path.resolve(__dirname, '..', '..', '..', 'src', 'geo', 'data', 'boston')].find((d) => fs.existsSync(d)) ??
  path.join(__dirname, 'data', 'boston');

const loaded = new Map<string, GeoData>();

/** The city's data, read once per folder and process (about 0.3 s for Boston) and shared by every geocoder built on it. */
export function loadGeoData(dir: string = DEFAULT_GEO_DATA_DIR): GeoData {
  const key = path.resolve(dir);
  let data = loaded.get(key);
  if (!data) {
    data = new GeoData(loadBundle(key));
    loaded.set(key, data);
  }
  return data;
}

export class ServiceGeocoder implements Geocoder {
  constructor(
    readonly local: LocalGeocoder,
    private readonly remote?: HttpGeocoder,
  ) {}

  async forward(text: string, options: ForwardOptions = {}): Promise<GeoCandidate[]> {
    const found = this.local.forwardSync(text, options);
    if (found.length || !this.remote) return found;
    const remote = await this.remote.forward(text, options.language, options.limit ?? 5);
    return remote.flatMap((c) => {
      const where = this.local.locate(c);
      return where.inside ? [{ ...c, neighborhood: where.neighborhood }] : [];
    });
  }

  async reverse(point: GeoPoint): Promise<ReverseResult | undefined> {
    const found = this.local.reverseSync(point);
    if (found || !this.remote) return found;
    const where = this.local.locate(point);
    if (!where.inside) return undefined;
    const remote = await this.remote.reverse(point);
    return remote ? { ...remote, ...where, distanceMeters: Math.round(distanceMeters(point, remote)) } : undefined;
  }

  locate(point: GeoPoint): LocateResult {
    return this.local.locate(point);
  }
}

export interface CreateGeocoderOptions extends LocalGeocoderOptions {
  /** Told about failed remote requests (the service logs them). */
  onRemoteError?: (err: Error) => void;
}

/** The geocoder the service uses. Throws an OperatorError naming GEO_DATA_DIR's file when the data cannot be read. */
export function createGeocoder(config: GeoConfig = {}, options: CreateGeocoderOptions = {}): ServiceGeocoder {
  const local = new LocalGeocoder(loadGeoData(config.dataDir ?? DEFAULT_GEO_DATA_DIR), options);
  const remote = config.remote ? new HttpGeocoder({ ...config.remote, onError: options.onRemoteError }) : undefined;
  return new ServiceGeocoder(local, remote);
}
