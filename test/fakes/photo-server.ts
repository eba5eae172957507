import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the internet's photo hosts (an Open311 app's media_url): serves files by path, redirects
 * (`/redirect?to=URL`), and records every request, so a test can show a URL was never fetched.
 */
export class FakePhotoServer {
  readonly requests: string[] = [];
  private readonly files = new Map<string, { bytes: Buffer; type: string }>();
  private server?: http.Server;
  port = 0;

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The MEDIA_FETCH_ALLOW_PRIVATE entry that lets the fetcher reach this fake (and nothing else on loopback). */
  get allowEntry(): string {
    return `127.0.0.1:${this.port}`;
  }

  add(path: string, bytes: Buffer, type = 'image/jpeg'): this {
    this.files.set(path, { bytes, type });
    return this;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      this.requests.push(url.pathname + url.search);
      if (url.pathname === '/redirect') {
        res.writeHead(302, { location: url.searchParams.get('to') ?? '/' });
        res.end();
        return;
      }
      const file = this.files.get(url.pathname);
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': file.type, 'content-length': String(file.bytes.length) });
      res.end(file.bytes);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
