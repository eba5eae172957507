import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A place the fake knows, answered in the shape of whichever API is asked. */
export interface FakePlace {
  /** Matched when the query contains this text (case-insensitive). */
  match: string;
  lat: number;
  lon: number;
  name: string;
  housenumber?: string;
  street?: string;
  type?: 'house' | 'street' | 'park';
}

/**
 * A local stand-in for a self-hosted geocoder on 127.0.0.1, speaking both Nominatim (`/search`, `/reverse`
 * with format=jsonv2) and Photon (`/api`, `/reverse`, GeoJSON). It records every request and can be told to
 * answer slowly (to test our timeout) or with an HTTP error.
 */
export class FakeGeocoderApi {
  readonly requests: Array<{ path: string; query: URLSearchParams; userAgent?: string }> = [];
  places: FakePlace[] = [];
  delayMs = 0;
  status = 200;
  url = '';
  private server?: http.Server;
  private readonly timers = new Set<NodeJS.Timeout>();

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://fake');
      this.requests.push({ path: u.pathname, query: u.searchParams, userAgent: req.headers['user-agent'] });
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (res.destroyed) return;
        if (this.status !== 200) return void res.writeHead(this.status, { 'content-type': 'application/json' }).end('{"error":"scripted"}');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.answer(u)));
      }, this.delayMs);
      this.timers.add(timer);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private found(u: URL): FakePlace[] {
    const q = (u.searchParams.get('q') ?? '').toLowerCase();
    if (u.pathname === '/reverse') return this.places.slice(0, 1);
    return this.places.filter((p) => q.includes(p.match.toLowerCase()));
  }

  private answer(u: URL): unknown {
    const places = this.found(u);
    if (u.pathname === '/search')
      return places.map((p) => ({
        lat: String(p.lat),
        lon: String(p.lon),
        display_name: p.name,
        category: p.type === 'street' ? 'highway' : 'place',
        addresstype: p.type === 'house' ? 'house' : 'road',
      }));
    if (u.pathname === '/reverse' && u.searchParams.get('format') === 'jsonv2')
      return places[0] ? { lat: String(places[0].lat), lon: String(places[0].lon), display_name: places[0].name } : { error: 'Unable to geocode' };
    return {
      type: 'FeatureCollection',
      features: places.map((p) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: { name: p.name, housenumber: p.housenumber, street: p.street, city: 'Boston', type: p.type },
      })),
    };
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
