import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../support/cli';
import { writeTinyCity } from '../unit/geo/tiny-city';

describe('npx intake311 geocode / geo import', () => {
  it('prints the best candidate as one JSON object with the jurisdiction check', async () => {
    const r = await runCli(['geocode', 'big pothole outside 40 Boylston St by the T stop', '--json'], {});
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]);
    expect(Object.keys(answer).sort()).toEqual(['address', 'confidence', 'inside', 'kind', 'lat', 'lon', 'neighborhood']);
    expect(answer).toMatchObject({ address: '40 Boylston St, Downtown 02116', kind: 'address', inside: true, neighborhood: 'Downtown' });
  });

  it('prints the best candidate and the alternatives for people', async () => {
    const r = await runCli(['geocode', 'twelve elm street'], {});
    expect(r.code).toBe(0);
    const [first, heading, ...rest] = r.stdout.trim().split('\n');
    expect(first).toMatch(/^12 Elm St, .*\(address, confidence 0\.\d\d, local\).*inside, /);
    expect(heading).toBe('alternatives:');
    expect(rest.length).toBeGreaterThanOrEqual(2);
  });

  it('says so, with exit code 1, when the text names no place', async () => {
    const plain = await runCli(['geocode', 'idk'], {});
    expect(plain).toMatchObject({ code: 1, stdout: 'no place found in that text\n' });
    const json = await runCli(['geocode', 'my house', '--json'], {});
    expect(json).toMatchObject({ code: 1, stdout: 'null\n' });
  });

  it('reverse-geocodes a point and tells whether it is inside the city', async () => {
    const inside = await runCli(['geocode', '--reverse', '42.3554,-71.0640', '--json'], {});
    expect(inside.code).toBe(0);
    expect(JSON.parse(inside.stdout)).toMatchObject({
      lat: 42.3554,
      lon: -71.064,
      inside: true,
      neighborhood: 'Beacon Hill',
      address: expect.stringContaining('Beacon Hill'),
    });
    const outside = await runCli(['geocode', '--reverse', '42.3736,-71.1190'], {});
    expect(outside.stdout).toContain('OUTSIDE the city');
  });

  it('refuses a malformed point or a missing text, naming what is wrong', async () => {
    const bad = await runCli(['geocode', '--reverse', 'north,west'], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--reverse needs LAT,LON in decimal degrees/);
    const empty = await runCli(['geocode'], {});
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^usage: intake311 geocode/);
  });

  it("imports a city's own files and geocodes against them through GEO_DATA_DIR", async () => {
    const city = writeTinyCity();
    try {
      const out = path.join(city.dir, 'geo');
      const built = await runCli(
        [
          'geo',
          'import',
          '--addresses',
          city.files.addresses,
          '--intersections',
          city.files.intersections,
          '--boundary',
          city.files.boundary,
          '--neighborhoods',
          city.files.neighborhoods,
          '--city',
          'Testville',
          '--out',
          out,
        ],
        {},
      );
      expect(built.code).toBe(0);
      expect(built.stdout).toMatch(/^6 addresses, 1 intersections, 2 streets, 0 places, 2 neighborhoods, a city limit\n/);
      expect(fs.existsSync(path.join(out, 'geo.json.gz'))).toBe(true);
      const r = await runCli(['geocode', 'corner of Main and Oak', '--json'], { GEO_DATA_DIR: out });
      expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'intersection', inside: true, neighborhood: 'Westside' });
      const missing = await runCli(['geo', 'import', '--addresses', city.files.addresses], {});
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/--addresses and --out are required/);
      const badFile = await runCli(['geo', 'import', '--addresses', path.join(city.dir, 'nope.csv'), '--out', out], {});
      expect(badFile.code).toBe(2);
      expect(badFile.stderr).toMatch(/nope\.csv: no such file/);
    } finally {
      fs.rmSync(city.dir, { recursive: true, force: true });
    }
  });
});
