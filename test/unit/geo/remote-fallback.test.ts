import { createGeocoder } from '../../../src/geo';
import { FakeGeocoderApi } from '../../fakes/geocoder-api';

// A street the bundled data does not know, a place inside Boston and one outside it, as a remote geocoder answers.
const invented = {
  match: 'zyzzyva',
  lat: 42.3467,
  lon: -71.0972,
  name: '4 Zyzzyva Way, Fenway, Boston',
  housenumber: '4',
  street: 'Zyzzyva Way',
  type: 'house' as const,
};
const cambridge = { match: 'zyzzyva', lat: 42.3736, lon: -71.119, name: '9 Zyzzyva Sq, Cambridge', type: 'house' as const };

describe.each(['nominatim', 'photon'] as const)('remote fallback geocoder (%s API, local fake server)', (kind) => {
  const api = new FakeGeocoderApi();
  const errors: Error[] = [];
  let geocoder: ReturnType<typeof createGeocoder>;

  beforeAll(async () => {
    await api.start();
    geocoder = createGeocoder({ remote: { url: api.url, kind, timeoutMs: 300 } }, { onRemoteError: (e) => errors.push(e) });
  });
  afterAll(() => api.stop());
  beforeEach(() => {
    api.requests.length = 0;
    api.places = [invented, cambridge];
    api.delayMs = 0;
    api.status = 200;
    errors.length = 0;
  });

  it('is not asked when the local data finds the place', async () => {
    const [c] = await geocoder.forward('pothole at 40 Boylston St');
    expect(c).toMatchObject({ source: 'local' });
    expect(api.requests).toHaveLength(0);
  });

  it('answers when the local data finds nothing, keeping only places inside the city, with their neighborhood', async () => {
    const found = await geocoder.forward('broken light at 4 Zyzzyva Way', { language: 'es' });
    expect(found).toEqual([
      expect.objectContaining({ source: 'remote', kind: 'address', lat: invented.lat, lon: invented.lon, neighborhood: 'Fenway' }),
    ]);
    expect(found[0].address).toContain('Zyzzyva Way');
    expect(found[0].confidence).toBeLessThan(0.9);
    const [request] = api.requests;
    expect(request.path).toBe(kind === 'photon' ? '/api' : '/search');
    expect(request.query.get('q')).toBe('broken light at 4 Zyzzyva Way');
    expect(request.query.get(kind === 'photon' ? 'lang' : 'accept-language')).toBe('es');
    expect(request.userAgent).toBe('intake311');
  });

  it('gives up after its timeout, reports why, and answers "nothing" instead of failing the report', async () => {
    api.delayMs = 3000;
    expect(await geocoder.forward('4 Zyzzyva Way')).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/did not answer within 300 ms/)]);
  });

  it('reads an HTTP error as nothing found, and says so to onRemoteError', async () => {
    api.status = 503;
    expect(await geocoder.forward('4 Zyzzyva Way')).toEqual([]);
    expect(errors[0].message).toMatch(/answered HTTP 503/);
  });

  it('is asked for reverse lookups only inside the city and away from every local address', async () => {
    expect((await geocoder.reverse({ lat: 42.3554, lon: -71.064 }))?.address).not.toContain('Zyzzyva');
    expect(await geocoder.reverse({ lat: 40.7128, lon: -74.006 })).toBeUndefined();
    expect(api.requests).toHaveLength(0);
    // On a harbour island: inside the city limit, but more than 500 m from any address point we have.
    const island = { lat: 42.3283, lon: -70.9568 };
    expect(geocoder.locate(island)).toEqual({ inside: true, neighborhood: 'Harbor Islands' });
    const found = await geocoder.reverse(island);
    expect(found).toMatchObject({ inside: true, neighborhood: 'Harbor Islands' });
    expect(found?.address).toContain('Zyzzyva');
    expect(api.requests.map((r) => r.path)).toEqual(['/reverse']);
  });
});
