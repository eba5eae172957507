import { createGeocoder } from '../../../src/geo';
import { tokenize } from '../../../src/geo/tokens';

const geocoder = createGeocoder();

describe('locate: the city limit and the neighborhood', () => {
  it.each([
    [{ lat: 42.3554, lon: -71.064 }, 'Beacon Hill'],
    [{ lat: 42.3117, lon: -71.1086 }, 'Jamaica Plain'],
    [{ lat: 42.3774, lon: -71.0639 }, 'Charlestown'],
    [{ lat: 42.2521, lon: -71.1293 }, 'Hyde Park'],
  ])('a point in Boston (%j) is inside, in %s', (point, neighborhood) => {
    expect(geocoder.locate(point)).toEqual({ inside: true, neighborhood });
  });

  it.each([
    ['Cambridge (MIT)', { lat: 42.3601, lon: -71.0942 }],
    ['Brookline village', { lat: 42.3323, lon: -71.1162 }],
    ['Quincy', { lat: 42.2529, lon: -71.0023 }],
    ['Somerville', { lat: 42.3876, lon: -71.0995 }],
    ['New York', { lat: 40.7128, lon: -74.006 }],
  ])('a point in %s is outside', (_name, point) => {
    expect(geocoder.locate(point).inside).toBe(false);
  });

  it('keeps a pin at the end of a pier (outside the land boundary, within the tolerance) inside', () => {
    // Long Wharf's tip: water, a few dozen metres beyond Boston's land polygon.
    const pier = { lat: 42.36055, lon: -71.0475 };
    expect(geocoder.locate(pier).inside).toBe(true);
    expect(createGeocoder({}, { boundaryToleranceMeters: 0 }).locate(pier).inside).toBe(false);
  });

  it('answers "outside" to nonsense points instead of throwing', () => {
    expect(geocoder.locate({ lat: Number.NaN, lon: 0 })).toEqual({ inside: false });
    expect(geocoder.locate({ lat: 91, lon: -71 })).toEqual({ inside: false });
  });
});

describe('reverse: a GPS point to the nearest address', () => {
  it('gives the nearest address point, its distance and the neighborhood', async () => {
    const found = await geocoder.reverse({ lat: 42.3554, lon: -71.064 });
    expect(found).toMatchObject({ inside: true, neighborhood: 'Beacon Hill' });
    expect(found!.address).toMatch(/^\d+\S* [A-Z].* (St|Ave|Pl|Rd|Sq|Plz|Row|Way|Park)\b.*, Beacon Hill/);
    expect(found!.distanceMeters).toBeLessThan(60);
  });

  it('finds nothing far from every known address (the harbour, another state)', async () => {
    expect(await geocoder.reverse({ lat: 42.33, lon: -70.95 })).toBeUndefined();
    expect(await geocoder.reverse({ lat: 40.7128, lon: -74.006 })).toBeUndefined();
  });
});

describe('tokens: spoken house numbers', () => {
  const numbers = (text: string) =>
    tokenize(text)
      .filter((t) => t.number)
      .map((t) => t.norm);

  it.each([
    ['twelve elm street', ['12']],
    ['one hundred and five main st', ['105']],
    ['one twenty five tremont', ['125']],
    ['one two three tremont', ['123']],
    ['fourteen fifty Washington', ['1450']],
    ['twenty-two Adams St', ['22']],
    ['cuarenta y cinco calle Tremont', ['45']],
    ['doscientos treinta y uno', ['231']],
    ['on the second floor', []],
    ['Tremont y Boylston', []],
    ['12-14 Elm St and 7A Oak St', ['12-14', '7a']],
  ])('"%s" -> %j', (text, expected) => {
    expect(numbers(text)).toEqual(expected);
  });

  it('does not count sentence-initial capitals as evidence of a name', () => {
    const [first, , third] = tokenize('White van. Parked on Elm');
    expect(first.cap).toBe(false);
    expect(third.cap).toBe(false);
    expect(tokenize('parked on Elm')[2].cap).toBe(true);
  });
});
