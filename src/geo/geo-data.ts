/**
 * A loaded bundle with the indexes lookups need: street names, each street's address rows (the bundle keeps
 * them sorted by street then number, so a street is one slice), street pairs, places, neighborhoods, and a
 * grid over the address points for reverse lookups.
 */
import { type BundleFile, decodePoints, decodePolygon, type PointTable } from './bundle';
import { type Area, areaOf } from './geometry';
import { PointGrid } from './point-grid';
import { nameWords } from './street-key';
import { StreetNames } from './street-names';

function groupBy(values: ArrayLike<number>): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (let i = 0; i < values.length; i++) {
    const list = map.get(values[i]);
    if (list) list.push(i);
    else map.set(values[i], [i]);
  }
  return map;
}

export class GeoData {
  readonly city: string;
  /** The city's name as lookup words ("boston"). */
  readonly cityKey: string;
  readonly region?: string;
  readonly credits?: string;
  readonly streets: string[];
  readonly zips: string[];
  readonly neighborhoods: Array<{ name: string; area: Area }>;
  readonly boundary?: Area;
  readonly addresses: PointTable & { street: Int32Array; number: string[]; zip: Int32Array };
  readonly intersections: PointTable & { a: Int32Array; b: Int32Array };
  readonly streetPoints: PointTable & { street: Int32Array };
  readonly places: PointTable & { name: string[] };
  readonly names: StreetNames;
  readonly addressGrid: PointGrid;
  /** Address rows of street id s: [start[s], start[s + 1]). */
  private readonly addressStart: Int32Array;
  private readonly pairs = new Map<string, number[]>();
  private readonly pointsByStreet: Map<number, number[]>;
  private readonly crossingsByStreet = new Map<number, number[]>();
  readonly placesByKey = new Map<string, number[]>();
  readonly neighborhoodByKey = new Map<string, number>();
  readonly zipByValue: Map<string, number>;

  constructor(b: BundleFile) {
    this.city = b.city;
    this.cityKey = nameWords(b.city).join(' ');
    this.region = b.region;
    this.credits = b.credits;
    this.streets = b.streets;
    this.zips = b.zips;
    this.neighborhoods = b.neighborhoods.map((h) => ({ name: h.name, area: areaOf(h.polygons.map(decodePolygon)) }));
    this.boundary = b.boundary.length ? areaOf(b.boundary.map(decodePolygon)) : undefined;
    this.addresses = {
      ...decodePoints(b.addresses),
      street: Int32Array.from(b.addresses.street),
      number: b.addresses.number,
      zip: Int32Array.from(b.addresses.zip),
    };
    this.intersections = { ...decodePoints(b.intersections), a: Int32Array.from(b.intersections.a), b: Int32Array.from(b.intersections.b) };
    this.streetPoints = { ...decodePoints(b.streetPoints), street: Int32Array.from(b.streetPoints.street) };
    this.places = { ...decodePoints(b.places), name: b.places.name };

    this.addressStart = new Int32Array(this.streets.length + 1);
    for (const s of this.addresses.street) this.addressStart[s + 1]++;
    for (let s = 0; s < this.streets.length; s++) this.addressStart[s + 1] += this.addressStart[s];

    for (let i = 0; i < this.intersections.a.length; i++) {
      const [a, b] = [this.intersections.a[i], this.intersections.b[i]];
      const key = `${a}|${b}`;
      this.pairs.set(key, [...(this.pairs.get(key) ?? []), i]);
      for (const s of [a, b]) this.crossingsByStreet.set(s, [...(this.crossingsByStreet.get(s) ?? []), i]);
    }
    this.pointsByStreet = groupBy(this.streetPoints.street);
    const weight = new Int32Array(this.streets.length);
    for (let i = 0; i < this.streetPoints.street.length; i++) weight[this.streetPoints.street[i]] += this.streetPoints.count[i];
    this.names = new StreetNames(this.streets, (id) => weight[id]);
    this.places.name.forEach((name, i) => {
      const key = nameWords(name).join(' ');
      this.placesByKey.set(key, [...(this.placesByKey.get(key) ?? []), i]);
    });
    b.neighborhoods.forEach((h, i) => {
      for (const name of [h.name, ...(h.aliases ?? [])]) this.neighborhoodByKey.set(nameWords(name).join(' '), i);
    });
    this.zipByValue = new Map(this.zips.map((z, i) => [z, i]));
    this.addressGrid = new PointGrid(this.addresses.lat, this.addresses.lon);
  }

  /** Address row indices of a street, in house-number order. */
  addressRows(street: number): { start: number; end: number } {
    return { start: this.addressStart[street], end: this.addressStart[street + 1] };
  }

  /** Intersection rows where two streets meet (either order). */
  crossings(a: number, b: number): number[] {
    return this.pairs.get(a <= b ? `${a}|${b}` : `${b}|${a}`) ?? [];
  }

  /** Intersection rows on a street (with any other street). */
  crossingRowsOf(street: number): number[] {
    return this.crossingsByStreet.get(street) ?? [];
  }

  /** Street-point rows of a street, most attested first. */
  streetPointRows(street: number): number[] {
    return this.pointsByStreet.get(street) ?? [];
  }

  neighborhoodName(hood: number): string | undefined {
    return hood >= 0 ? this.neighborhoods[hood]?.name : undefined;
  }
}
