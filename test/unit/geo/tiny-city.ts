import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * An invented town for import tests: a 2 x 2 km square at 45.00-45.02 N, 90.00-90.02 W, split into Westside
 * and Eastside. Main Street runs west-east at 45.01 N with numbers 10 and 20 (even side) and 11 and 31 (odd
 * side); an Oak Avenue exists in both halves, each with a number 5; they cross at (45.01, -90.012).
 */
export const TINY = {
  main10: { lat: 45.01, lon: -90.016 },
  main20: { lat: 45.01, lon: -90.006 },
  crossing: { lat: 45.01, lon: -90.012 },
  westOak5: { lat: 45.015, lon: -90.012 },
  eastOak5: { lat: 45.005, lon: -90.004 },
};

const square = (w: number, s: number, e: number, n: number) => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];

export function writeTinyCity(): {
  dir: string;
  files: Record<'addresses' | 'addressesGeojson' | 'intersections' | 'boundary' | 'neighborhoods' | 'places', string>;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiny-city-'));
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const rows = [
    ['10', 'Main St', '99901', TINY.main10],
    ['20', 'Main St', '99901', TINY.main20],
    ['11', 'Main St', '99901', { lat: 45.0102, lon: -90.0158 }],
    ['31', 'Main St', '99901', { lat: 45.0102, lon: -90.0062 }],
    ['5', 'Oak Ave', '99901', TINY.westOak5],
    ['5', 'Oak Ave', '99902', TINY.eastOak5],
  ] as const;
  // Column names as another city's export might spell them.
  const addresses = file(
    'addresses.csv',
    `house_number,street_name,postcode,latitude,longitude\n${rows.map(([n, s, z, p]) => `${n},"${s}",${z},${p.lat},${p.lon}`).join('\n')}\n`,
  );
  const addressesGeojson = file(
    'addresses.geojson',
    JSON.stringify({
      type: 'FeatureCollection',
      features: rows.map(([n, s, z, p]) => ({
        type: 'Feature',
        properties: { 'addr:housenumber': n, 'addr:street': s, 'addr:postcode': z },
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      })),
    }),
  );
  const intersections = file('intersections.csv', `street_a,street_b,lat,lon\nOak Ave,Main St,${TINY.crossing.lat},${TINY.crossing.lon}\n`);
  const places = file('places.csv', `name,lat,lon\nTiny Town Green,45.012,-90.013\n`);
  const boundary = file(
    'boundary.geojson',
    JSON.stringify({
      type: 'Feature',
      properties: { name: 'Testville' },
      geometry: { type: 'Polygon', coordinates: square(-90.02, 45.0, -90.0, 45.02) },
    }),
  );
  const neighborhoods = file(
    'neighborhoods.geojson',
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'Westside' }, geometry: { type: 'Polygon', coordinates: square(-90.02, 45.0, -90.01, 45.02) } },
        { type: 'Feature', properties: { name: 'Eastside' }, geometry: { type: 'MultiPolygon', coordinates: [square(-90.01, 45.0, -90.0, 45.02)] } },
      ],
    }),
  );
  return { dir, files: { addresses, addressesGeojson, intersections, boundary, neighborhoods, places } };
}
