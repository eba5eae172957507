/** The geocoding module's public face: the port's types, the factory, and the data loader. */

export { type CreateGeocoderOptions, createGeocoder, DEFAULT_GEO_DATA_DIR, type GeoConfig, loadGeoData } from './create-geocoder';
export type { RemoteKind } from './http-geocoder';
export type { ForwardOptions, GeoCandidate, Geocoder, GeoKind, GeoPoint, LocateResult, ReverseResult } from './types';
