/**
 * Geocoder benchmark: npm run bench:geocode (after npm run build). Prints the bundle's load time and memory,
 * and p50/p99 per lookup for forward (sentences built from the bundle's own addresses and crossings, plus
 * sentences naming no place), reverse and boundary checks at random points around the city.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '../../classifiers/random';
import { BUNDLE_FILE } from '../../src/geo/bundle';
import { DEFAULT_GEO_DATA_DIR, loadGeoData } from '../../src/geo/create-geocoder';
import { LocalGeocoder } from '../../src/geo/local-geocoder';

const LOOKUPS = 5000;
const random = seededRandom(7);
const pick = <T>(items: ArrayLike<T>): T => items[Math.floor(random() * items.length)];

const heapBefore = process.memoryUsage().heapUsed;
const loadStart = process.hrtime.bigint();
const data = loadGeoData();
const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
const geocoder = new LocalGeocoder(data);
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

const templates = [
  (p: string) => `big pothole outside ${p} by the bus stop`,
  (p: string) => `${p}`,
  (p: string) => `streetlight out in front of ${p}, been like that for a week`,
  (p: string) => `hay un bache enorme en ${p}`,
];
const sentences: string[] = [];
for (let n = 0; n < LOOKUPS; n++) {
  const kind = n % 4;
  if (kind === 0 || kind === 1) {
    const i = Math.floor(random() * data.addresses.number.length);
    sentences.push(pick(templates)(`${data.addresses.number[i]} ${data.streets[data.addresses.street[i]]}`));
  } else if (kind === 2) {
    const i = Math.floor(random() * data.intersections.a.length);
    sentences.push(`car blocking the corner of ${data.streets[data.intersections.a[i]]} and ${data.streets[data.intersections.b[i]]}`);
  } else
    sentences.push(
      pick(['idk', 'the trash was not picked up again this week', 'my house', 'what is the best way to report a dead animal?', 'no sé dónde']),
    );
}
const points = Array.from({ length: LOOKUPS }, () => ({ lat: 42.23 + random() * 0.17, lon: -71.19 + random() * 0.2 }));

/** Wall-clock time per lookup. On a shared machine it also counts time other processes held the core: the load average is printed with it. */
function time(label: string, run: (i: number) => unknown): void {
  for (let i = 0; i < 500; i++) run(i % LOOKUPS);
  const ms: number[] = [];
  for (let i = 0; i < LOOKUPS; i++) {
    const start = process.hrtime.bigint();
    run(i);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(3);
  console.log(`${label}: ${LOOKUPS} lookups, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${ms[ms.length - 1].toFixed(2)} ms`);
}

const file = path.join(DEFAULT_GEO_DATA_DIR, BUNDLE_FILE);
console.log(
  `bundle: ${file} (${(fs.statSync(file).size / 1e6).toFixed(2)} MB; ${data.addresses.number.length} addresses, ${data.intersections.a.length} crossings)`,
);
console.log(
  `load (read, gunzip, parse, index): ${loadMs.toFixed(0)} ms; heap +${heapMb.toFixed(0)} MB; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
);
console.log(
  `load average: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`,
);
time('forward', (i) => geocoder.forwardSync(sentences[i]));
time('reverse', (i) => geocoder.reverseSync(points[i]));
time('locate (boundary + neighborhood)', (i) => geocoder.locate(points[i]));
