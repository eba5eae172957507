/**
 * Geocoder accuracy on real resident sentences: npm run eval:geocode (after npm run build).
 *
 * The sentences are read at run time from the shared training export (INTAKE311_TRAIN_DATA, else
 * ../shared/data/reports-train.csv); none of them is copied into the repository. When the file is absent the
 * script says so and exits 0. The rule that picks them, written before looking at the geocoder's answers:
 *  - Boston rows (source_city "Boston, MA") with lat/lon inside 42.20-42.42 N, 71.20-70.85 W, and not on Boston's
 *    "location unknown" pins (within 60 m of City Hall Plaza, 42.3594,-71.0587 and 42.36032,-71.05797).
 *  - address set: the text holds exactly one "NUMBER Name [Name] [Name] SUFFIX" (capitalised names, a street
 *    suffix such as St, Street, Ave, Road): the resident wrote one address the usual way;
 *  - intersection set: no such address, and "corner/intersection of A and B" or "A St and/&/at B St";
 *  - none set: no digit, no street or place word (street, ave, road, park, square, corner...), no capitalised
 *    word but the first and "I", at least 20 characters: the text names no place.
 * Each set is shuffled with a fixed seed and cut to a few hundred. A hit is the best candidate within 100 m
 * (addresses) or 150 m (intersections) of the resident's pin; a false location is any candidate for a none-set text.
 * Flags: --all (every selected sentence), --show-misses (print misses with their text, for study on this terminal only).
 */
import fs from 'node:fs';
import { parseCsv } from '../../classifiers/csv';
import { defaultTrainingDataPath } from '../../classifiers/paths';
import { seededRandom, shuffled } from '../../classifiers/random';
import { loadGeoData } from '../../src/geo/create-geocoder';
import { distanceMeters } from '../../src/geo/geometry';
import { LocalGeocoder } from '../../src/geo/local-geocoder';
import type { GeoCandidate } from '../../src/geo/types';

/** --show-misses prints each miss with its sentence, on this terminal only, to study the errors. */
const SHOW_MISSES = process.argv.includes('--show-misses');
/** --all measures every sentence the rule selects instead of the seeded few hundred. */
const ALL = process.argv.includes('--all');
const PER_SET = { address: 400, intersection: 300, none: 400 };
const PLACEHOLDERS = [
  { lat: 42.3594, lon: -71.0587 },
  { lat: 42.36032, lon: -71.05797 },
];
const SUFFIX =
  '(?:St|Street|Ave|Avenue|Rd|Road|Pl|Place|Ter|Terrace|Blvd|Boulevard|Ct|Court|Way|Sq|Square|Pkwy|Parkway|Dr|Drive|Ln|Lane|Row|Hwy|Cir|Circle|Whf|Wharf)';
const NAME = "[A-Z][A-Za-z']+";
const ADDRESS = new RegExp(`\\b\\d{1,5}[A-Za-z]?\\s+${NAME}(?:\\s+${NAME}){0,2}\\s+${SUFFIX}\\b`, 'g');
const STREET = `${NAME}(?:\\s+${NAME})?(?:\\s+${SUFFIX})?`;
const CROSSING = [
  new RegExp(`\\b(?:corner|intersection) of\\s+${STREET}\\s+(?:and|&|/)\\s+${STREET}`, 'i'),
  new RegExp(`\\b${NAME}(?:\\s+${NAME})?\\s+${SUFFIX}\\.?\\s+(?:and|&|at|/)\\s+${NAME}(?:\\s+${NAME})?\\s+${SUFFIX}\\b`),
];
const PLACE_WORDS =
  /\b(st|street|ave|avenue|rd|road|park|square|sq|way|lane|ln|court|ct|place|pl|blvd|playground|field|station|corner|intersection|block|calle|avenida)\b/i;

interface Row {
  text: string;
  lat: number;
  lon: number;
}

function rows(file: string): Row[] {
  const [header, ...records] = parseCsv(fs.readFileSync(file, 'utf8'), file);
  const at = (name: string) => header.fields.indexOf(name);
  const [t, c, la, lo] = [at('text'), at('source_city'), at('lat'), at('lon')];
  return records
    .filter((r) => r.fields[c]?.startsWith('Boston'))
    .map((r) => ({ text: r.fields[t] ?? '', lat: Number(r.fields[la]), lon: Number(r.fields[lo]) }))
    .filter(
      (r) => r.text && r.lat >= 42.2 && r.lat <= 42.42 && r.lon >= -71.2 && r.lon <= -70.85 && PLACEHOLDERS.every((p) => distanceMeters(p, r) > 60),
    );
}

function namesNoPlace(text: string): boolean {
  if (text.length < 20 || /\d/.test(text) || PLACE_WORDS.test(text)) return false;
  const words = text.match(/[A-Za-z']+/g) ?? [];
  return words.slice(1).every((w) => w === 'I' || !/^[A-Z]/.test(w));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

function measure(geocoder: LocalGeocoder, set: Row[], radius: number, label: string): void {
  const errors: number[] = [];
  let hits = 0;
  let answered = 0;
  const kinds = new Map<string, number>();
  for (const row of set) {
    const [best] = geocoder.forwardSync(row.text);
    if (SHOW_MISSES && (!best || distanceMeters(best, row) > radius))
      console.log(`  miss ${best ? `${distanceMeters(best, row).toFixed(0)} m ${best.address}` : 'none'} <- ${row.text.slice(0, 160)}`);
    if (!best) continue;
    answered++;
    kinds.set(best.kind, (kinds.get(best.kind) ?? 0) + 1);
    const meters = distanceMeters(best, row);
    errors.push(meters);
    if (meters <= radius) hits++;
  }
  const pct = (n: number) => `${((100 * n) / Math.max(1, set.length)).toFixed(1)}%`;
  console.log(
    `${label}: ${set.length} sentences; within ${radius} m: ${pct(hits)}; answered ${pct(answered)}; ` +
      `error median ${percentile(errors, 0.5).toFixed(0)} m, p90 ${percentile(errors, 0.9).toFixed(0)} m; best kinds ${JSON.stringify(Object.fromEntries(kinds))}`,
  );
}

function main(): void {
  const file = defaultTrainingDataPath();
  if (!fs.existsSync(file)) {
    console.log(`eval:geocode: ${file} is not here (set INTAKE311_TRAIN_DATA); nothing to measure`);
    return;
  }
  const all = rows(file);
  const address = all.filter((r) => (r.text.match(ADDRESS) ?? []).length === 1);
  const crossing = all.filter((r) => (r.text.match(ADDRESS) ?? []).length === 0 && CROSSING.some((re) => re.test(r.text)));
  const none = all.filter((r) => namesNoPlace(r.text));
  const pick = (set: Row[], n: number, seed: number) => (ALL ? set : shuffled(set, seededRandom(seed)).slice(0, n));
  const geocoder = new LocalGeocoder(loadGeoData());
  console.log(
    `Boston rows with a usable pin: ${all.length}; candidates: ${address.length} address, ${crossing.length} intersection, ${none.length} none`,
  );
  measure(geocoder, pick(address, PER_SET.address, 1), 100, 'addresses');
  measure(geocoder, pick(crossing, PER_SET.intersection, 2), 150, 'intersections');
  const noneSet = pick(none, PER_SET.none, 3);
  const found: GeoCandidate[][] = noneSet.map((r) => geocoder.forwardSync(r.text));
  const falsePositives = found.filter((c) => c.length > 0).length;
  console.log(`no place named: ${noneSet.length} sentences; false locations: ${((100 * falsePositives) / noneSet.length).toFixed(1)}%`);
  if (SHOW_MISSES) {
    noneSet.forEach((r, i) => {
      if (found[i].length) console.log(`  false: ${found[i][0].address} <- ${r.text.slice(0, 100)}`);
    });
  }
}

main();
