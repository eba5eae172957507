/** The geocoding module's public face: the port's types, the factory, and the data loader. */
export type { ForwardOptions, GeoCandidate, Geocoder, GeoKind, GeoPoint, LocateResult, ReverseResult } from './types';
export { createGeocoder, loadGeoData, DEFAULT_GEO_DATA_DIR, type GeoConfig, type CreateGeocoderOptions } from './create-geocoder';
export type { RemoteKind } from './http-geocoder';
