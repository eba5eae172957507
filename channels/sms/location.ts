import type { GeoPoint } from '../../src/domain/types';

/** Where a message says the problem is: coordinates (a map link, "lat,lon") and/or an address as written. */
export interface FoundLocation {
  location?: GeoPoint;
  address?: string;
}

const COORDS = /(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)/;
/** Query parameters Google Maps and Apple Maps links carry coordinates in. */
const COORD_PARAMS = ['ll', 'q', 'query', 'sll', 'coordinate', 'center', 'daddr', 'destination'];
const MAP_HOSTS = /(^|\.)(google\.[a-z.]+|goo\.gl|maps\.apple\.com|apple\.co)$/;

function point(lat: string, lon: string): GeoPoint | undefined {
  const p = { lat: Number(lat), lon: Number(lon) };
  if (!Number.isFinite(p.lat) || !Number.isFinite(p.lon) || Math.abs(p.lat) > 90 || Math.abs(p.lon) > 180) return undefined;
  if (p.lat === 0 && p.lon === 0) return undefined;
  return p;
}

/** Coordinates in a Google or Apple Maps link: `@lat,lon` in the path, or `q=`/`ll=`/`query=`... parameters. */
function fromMapLink(link: string): GeoPoint | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (!MAP_HOSTS.test(url.hostname)) return undefined;
  const at = /@(-?\d+\.\d+),(-?\d+\.\d+)/.exec(decodeURIComponent(url.pathname));
  if (at) return point(at[1], at[2]);
  for (const name of COORD_PARAMS) {
    const m = COORDS.exec(url.searchParams.get(name) ?? '');
    if (m) return point(m[1], m[2]);
  }
  const place = /!3d(-?\d+\.\d+)!4d(-?\d+\.\d+)/.exec(link);
  return place ? point(place[1], place[2]) : undefined;
}

const SUFFIX =
  '(?:st|street|ave|avenue|av|rd|road|blvd|boulevard|dr|drive|ln|lane|way|pl|place|ct|court|ter|terrace|pkwy|parkway|sq|square|hwy|highway|cir|circle|row|wharf|plz|plaza)';
/** A word that can be part of a street name (not "at", "on", "the"... which join a street to the rest of a sentence). */
const NAME_WORD = "(?!(?:at|on|the|of|near|outside|by|in|a|an|and|y|de|del|la|el|en|frente|al|corner|esquina)\\b)[a-z0-9'.-]+";
const STREET = `(?:${NAME_WORD}\\s+){1,3}${SUFFIX}\\b\\.?`;
const NUMBERED = new RegExp(`\\b\\d{1,5}[a-z]?\\s+(?:de\\s+)?${STREET}`, 'i');
const CROSS = new RegExp(`\\b${STREET}\\s*(?:&|and|y|at|/)\\s*${STREET}`, 'i');
const CORNER = /\b(?:corner of|intersection of|esquina de|esquina)\s+([^,.;\n]+?\s+(?:and|&|y|con)\s+[^,.;\n]+)/i;
const SPANISH_STREET = /\b(?:calle|avenida|av\.)\s+[a-z0-9'.-]+(?:\s+[a-z0-9'.-]+){0,2}?\s+(?:no\.?\s*)?\d{1,5}\b/i;

/** A street address or cross streets as the resident wrote them, if the text has one. */
export function findAddress(text: string): string | undefined {
  for (const re of [NUMBERED, CROSS, CORNER, SPANISH_STREET]) {
    const m = re.exec(text);
    if (m) return m[0].trim().replace(/[.,;]+$/, '');
  }
  return undefined;
}

/**
 * Reads a location out of a message: a Google/Apple Maps link or "lat,lon" gives coordinates (and the
 * link is kept as the address, so staff can open it); otherwise a street address or cross streets.
 */
export function findLocation(text: string): FoundLocation {
  for (const link of text.match(/https?:\/\/\S+/gi) ?? []) {
    const location = fromMapLink(link);
    if (location) return { location, address: findAddress(text) };
    if (/^https?:\/\/(maps\.app\.goo\.gl|goo\.gl\/maps|maps\.apple\.com|apple\.co)\//i.test(link)) {
      // A short map link we cannot resolve offline: still a location staff can open.
      return { address: link };
    }
  }
  const bare = /(?:^|[\s(:])(?:geo:)?(-?\d{1,2}\.\d{3,})\s*,\s*(-?\d{1,3}\.\d{3,})(?=$|[\s);])/.exec(text);
  const location = bare ? point(bare[1], bare[2]) : undefined;
  return { location, address: findAddress(text) };
}
