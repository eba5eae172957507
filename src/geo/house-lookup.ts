/**
 * House numbers on one street: the exact point when the city's data has it, else a point interpolated
 * between the nearest numbers on either side (same side of the street first: odd and even numbers face each
 * other), and whole blocks ("the 100 block of X"). Rows are grouped into places first, because one street
 * name can be several streets (Boston's annexed towns kept their own Adams Streets), while one street often
 * runs through several neighborhoods.
 */

import type { GeoData } from './geo-data';
import { distanceMeters } from './geometry';
import { houseNumberRange, houseNumberValue } from './tokens';

export interface HouseHit {
  lat: number;
  lon: number;
  hood: number;
  zip: number;
  interpolated: boolean;
  /** How many city records back the point (the ambiguity tie-break). */
  count: number;
}

/** Neighbouring numbers further apart than this, or further apart on the ground, are not interpolated between. */
const MAX_GAP_NUMBERS = 400;
const MAX_GAP_METERS = 1200;
/** With a neighbour on one side only, a number this close takes the neighbour's point. */
const ONE_SIDED_NUMBERS = 12;

/** A street's rows split into places: a row joins the place whose nearest row is within this distance. */
const SAME_PLACE_METERS = 1000;

/** The street's rows in house-number order, grouped into places (one name can be several streets, km apart). */
function byPlace(data: GeoData, street: number): number[][] {
  const { start, end } = data.addressRows(street);
  const places: number[][] = [];
  for (let i = start; i < end; i++) {
    const p = point(data, i);
    // Rows come in number order, so a row's neighbours on the ground are among a place's last few rows.
    const home = places.find((rows) => rows.slice(-8).some((j) => distanceMeters(point(data, j), p) <= SAME_PLACE_METERS));
    if (home) home.push(i);
    else places.push([i]);
  }
  return places;
}

function hit(data: GeoData, i: number, interpolated = false): HouseHit {
  const a = data.addresses;
  return { lat: a.lat[i], lon: a.lon[i], hood: a.hood[i], zip: a.zip[i], interpolated, count: a.count[i] };
}

function point(data: GeoData, i: number) {
  return { lat: data.addresses.lat[i], lon: data.addresses.lon[i] };
}

/** The point for number n among one neighborhood's rows of a street, by interpolation. */
function interpolate(data: GeoData, rows: number[], n: number): HouseHit | undefined {
  const value = (i: number) => houseNumberValue(data.addresses.number[i]);
  const sides = (sameParity: boolean) => {
    let lower: number | undefined;
    let upper: number | undefined;
    for (const i of rows) {
      const v = value(i);
      if (sameParity && v % 2 !== n % 2) continue;
      if (v < n && (lower === undefined || v > value(lower))) lower = i;
      if (v > n && (upper === undefined || v < value(upper))) upper = i;
    }
    return { lower, upper };
  };
  let { lower, upper } = sides(true);
  if (lower === undefined || upper === undefined) ({ lower, upper } = sides(false));
  if (lower !== undefined && upper !== undefined) {
    const lo = value(lower);
    const hi = value(upper);
    if (hi - lo <= MAX_GAP_NUMBERS && distanceMeters(point(data, lower), point(data, upper)) <= MAX_GAP_METERS) {
      const t = (n - lo) / (hi - lo);
      const a = data.addresses;
      const near = t < 0.5 ? lower : upper;
      return {
        lat: a.lat[lower] + t * (a.lat[upper] - a.lat[lower]),
        lon: a.lon[lower] + t * (a.lon[upper] - a.lon[lower]),
        hood: a.hood[near],
        zip: a.zip[near],
        interpolated: true,
        count: Math.min(a.count[lower], a.count[upper]),
      };
    }
  }
  const closest = [lower, upper].filter((i): i is number => i !== undefined).sort((x, y) => Math.abs(value(x) - n) - Math.abs(value(y) - n))[0];
  return closest !== undefined && Math.abs(value(closest) - n) <= ONE_SIDED_NUMBERS ? hit(data, closest, true) : undefined;
}

/** Every place on the street with this house number: exact rows, else ranges or lettered units covering it, else interpolated points. */
export function findHouse(data: GeoData, street: number, label: string): HouseHit[] {
  const { start, end } = data.addressRows(street);
  const wanted = label.toUpperCase().replace(/\s+/g, '');
  const [low, high] = houseNumberRange(wanted);
  const exact: HouseHit[] = [];
  const covering: HouseHit[] = [];
  for (let i = start; i < end; i++) {
    const number = data.addresses.number[i];
    if (number === wanted) exact.push(hit(data, i));
    else {
      const [a, b] = houseNumberRange(number);
      if ((a <= low && low <= b) || (low <= a && a <= high)) covering.push(hit(data, i));
    }
  }
  if (exact.length) return exact;
  if (covering.length) return distinctPlaces(covering);
  return interpolateHouse(data, street, low);
}

/** The number interpolated in every place on the street that has numbers around it. */
export function interpolateHouse(data: GeoData, street: number, n: number): HouseHit[] {
  return byPlace(data, street).flatMap((rows) => interpolate(data, rows, n) ?? []);
}

/** Hits more than 150 m apart, one per place (several rows may cover one number, e.g. "12A" and "12B"). */
function distinctPlaces(hits: HouseHit[]): HouseHit[] {
  const kept: HouseHit[] = [];
  for (const h of hits) if (!kept.some((k) => distanceMeters(k, h) < 150)) kept.push(h);
  return kept;
}

/** The middle of the "N block" (numbers N..N+99) on the street, per neighborhood. */
export function findBlock(data: GeoData, street: number, block: number): HouseHit[] {
  const out: HouseHit[] = [];
  for (const rows of byPlace(data, street)) {
    const inBlock = rows.filter((i) => {
      const v = houseNumberValue(data.addresses.number[i]);
      return v >= block && v < block + 100;
    });
    if (inBlock.length) out.push(hit(data, inBlock[Math.floor(inBlock.length / 2)], true));
    else {
      const middle = interpolate(data, rows, block + 50);
      if (middle) out.push(middle);
    }
  }
  return out;
}
