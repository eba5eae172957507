import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { InputError, OperatorError } from '../../../src/errors';
import { createGeocoder } from '../../../src/geo';
import { BUNDLE_FILE, saveBundle } from '../../../src/geo/bundle';
import { distanceMeters } from '../../../src/geo/geometry';
import { buildBundle } from '../../../src/geo/import/build-bundle';
import { TINY, writeTinyCity } from './tiny-city';

describe('a city brings its own data (geo import, GEO_DATA_DIR)', () => {
  const city = writeTinyCity();
  const out = path.join(city.dir, 'bundle');
  saveBundle(out, buildBundle({ ...city.files, city: 'Testville', region: 'ZZ' }));
  const geocoder = createGeocoder({ dataDir: out });

  afterAll(() => fs.rmSync(city.dir, { recursive: true, force: true }));

  it('geocodes against the imported addresses, interpolating a missing number along the street', async () => {
    const [c] = await geocoder.forward('pothole at 15 main street');
    expect(c).toMatchObject({ kind: 'address', interpolated: true, address: '15 Main St, Westside 99901' });
    // 15 lies between 11 and 31 on the odd side: a fifth of the way from 11 to 31.
    const expected = { lat: 45.0102, lon: -90.0158 + 0.2 * (-90.0062 + 90.0158) };
    expect(distanceMeters(c, expected)).toBeLessThan(1);
    const [even] = await geocoder.forward('pothole at 16 main street');
    expect(distanceMeters(even, { lat: 45.01, lon: -90.016 + 0.6 * 0.01 })).toBeLessThan(1);
  });

  it('finds the imported crossing and places, and tells the two Oak Avenues apart by neighborhood', async () => {
    expect((await geocoder.forward('corner of Main and Oak'))[0]).toMatchObject({ kind: 'intersection', address: 'Main St & Oak Ave, Westside' });
    expect((await geocoder.forward('litter all over Tiny Town Green'))[0]).toMatchObject({ kind: 'landmark' });
    const east = (await geocoder.forward('5 Oak Ave in Eastside'))[0];
    expect(distanceMeters(east, TINY.eastOak5)).toBeLessThan(1);
    // A nickname from --aliases is a hint like the name itself.
    const aliasFile = path.join(city.dir, 'aliases.json');
    fs.writeFileSync(aliasFile, JSON.stringify({ 'East End': 'Eastside' }));
    const withAliases = path.join(city.dir, 'with-aliases');
    saveBundle(withAliases, buildBundle({ ...city.files, aliases: aliasFile, city: 'Testville' }));
    const nick = (await createGeocoder({ dataDir: withAliases }).forward('5 Oak Ave, East End'))[0];
    expect(distanceMeters(nick, TINY.eastOak5)).toBeLessThan(1);
  });

  it('checks the imported city limit and neighborhoods', async () => {
    expect(geocoder.locate({ lat: 45.01, lon: -90.015 })).toEqual({ inside: true, neighborhood: 'Westside' });
    expect(geocoder.locate({ lat: 45.01, lon: -90.005 })).toEqual({ inside: true, neighborhood: 'Eastside' });
    expect(geocoder.locate({ lat: 45.05, lon: -90.05 })).toEqual({ inside: false });
    expect((await geocoder.reverse({ lat: 45.01, lon: -90.0159 }))?.address).toBe('10 Main St, Westside 99901');
  });

  it('reads GeoJSON address points with OSM-style addr:* properties the same way', () => {
    const fromGeojson = buildBundle({ ...city.files, addresses: city.files.addressesGeojson, city: 'Testville' });
    const fromCsv = buildBundle({ ...city.files, city: 'Testville' });
    expect(fromGeojson.addresses).toEqual(fromCsv.addresses);
  });

  it('builds the same bytes twice from the same files', () => {
    const again = path.join(city.dir, 'again');
    saveBundle(again, buildBundle({ ...city.files, city: 'Testville', region: 'ZZ' }));
    expect(fs.readFileSync(path.join(again, BUNDLE_FILE)).equals(fs.readFileSync(path.join(out, BUNDLE_FILE)))).toBe(true);
  });

  it('names the file and row of a bad input, and writes nothing', () => {
    const bad = path.join(city.dir, 'bad.csv');
    fs.writeFileSync(bad, 'number,street,lat,lon\n10,Main St,45.01,-90.01\n12,Main St,,-90.01\n');
    expect(() => buildBundle({ addresses: bad, city: 'X' })).toThrow(InputError);
    expect(() => buildBundle({ addresses: bad, city: 'X' })).toThrow(/bad\.csv: row 3: lat\/lon missing/);
    fs.writeFileSync(bad, 'number,lat,lon\n10,45.01,-90.01\n');
    expect(() => buildBundle({ addresses: bad, city: 'X' })).toThrow(/row 2: no street \(columns tried: street, street_name/);
    expect(() => buildBundle({ addresses: path.join(city.dir, 'missing.csv'), city: 'X' })).toThrow(/missing\.csv: no such file/);
    expect(() => buildBundle({ ...city.files, boundary: city.files.addresses.replace('.csv', '.geojson'), city: 'X' })).toThrow(
      /feature 1 is not a Polygon/,
    );
    fs.writeFileSync(bad, JSON.stringify({ Westy: 'Westside', Northy: 'Northside' }));
    expect(() => buildBundle({ ...city.files, aliases: bad, city: 'X' })).toThrow(
      /"Northy" points to "Northside", which is no neighborhood of --neighborhoods/,
    );
  });

  it('refuses a GEO_DATA_DIR that holds no bundle, naming the file and the command that makes one', () => {
    expect(() => createGeocoder({ dataDir: city.dir })).toThrow(OperatorError);
    expect(() => createGeocoder({ dataDir: city.dir })).toThrow(
      /geo\.json\.gz \(no such file\); GEO_DATA_DIR must be a folder written by `intake311 geo import --out DIR`/,
    );
    fs.writeFileSync(path.join(city.dir, BUNDLE_FILE), 'not gzip');
    expect(() => createGeocoder({ dataDir: city.dir })).toThrow(/cannot read/);
  });
});

describe('geocoder settings (src/config.ts)', () => {
  it('defaults to the bundled data with no remote geocoder', () => {
    expect(loadConfig({}).geo).toEqual({ dataDir: undefined, remote: undefined });
  });

  it('reads GEO_DATA_DIR and the remote fallback settings', () => {
    const geo = loadConfig({
      GEO_DATA_DIR: 'city-data',
      GEOCODER_URL: 'http://127.0.0.1:2322',
      GEOCODER_KIND: 'photon',
      GEOCODER_TIMEOUT_MS: '800',
    }).geo;
    expect(geo).toEqual({ dataDir: path.resolve('city-data'), remote: { url: 'http://127.0.0.1:2322', kind: 'photon', timeoutMs: 800 } });
    expect(loadConfig({ GEOCODER_URL: 'https://nominatim.example.org' }).geo.remote).toEqual({
      url: 'https://nominatim.example.org',
      kind: 'nominatim',
      timeoutMs: 2000,
    });
  });

  it.each([
    [{ GEOCODER_URL: 'not a url' }, /GEOCODER_URL/],
    [{ GEOCODER_URL: 'http://x.test', GEOCODER_KIND: 'google' }, /GEOCODER_KIND/],
    [{ GEOCODER_URL: 'http://x.test', GEOCODER_TIMEOUT_MS: '60000' }, /GEOCODER_TIMEOUT_MS/],
    [{ GEOCODER_KIND: 'photon' }, /GEOCODER_KIND is set but GEOCODER_URL is missing/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
