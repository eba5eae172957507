import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake work-order system holds it. */
export interface FakeRequest {
  id: string;
  token: string;
  form: Record<string, string | string[]>;
  status: string;
  notes: string;
  updated: string;
  /** When the request was created (ms since epoch): the moment the downstream accepted it. */
  createdAt: number;
}

export interface FakeUpdate {
  update_id: string;
  service_request_id: string;
  status: string;
  description: string;
  updated_datetime: string;
}

export interface Open311FakeOptions {
  /** `token`: POST answers a token only; tokens/{token} answers 404 until `releaseTokens()`. */
  answer?: 'id' | 'token';
  /** Answer this many POST requests with 500 first. */
  failFirst?: number;
  /** Whether GET servicerequestupdates exists (else 404, and clients use requests.json). */
  updatesEndpoint?: boolean;
}

function formOf(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/**
 * A local GeoReport v2 server standing in for a city's CRM (JSON only): POST requests and servicerequestupdates
 * (both idempotent on Idempotency-Key, as intake311's own server is), GET requests.json, tokens/{token} and
 * servicerequestupdates. Tests close requests on it as a city agent would, and can hold a POST open (to kill
 * the worker that sent it) or answer 500 first.
 */
export class Open311Downstream {
  readonly requests: FakeRequest[] = [];
  readonly updatesReceived: Array<Record<string, string | string[]>> = [];
  /** Every POST that reached the server, repeats included. */
  posts = 0;
  private readonly updates: FakeUpdate[] = [];
  private readonly byKey = new Map<string, string>();
  private tokensReleased = false;
  private failuresLeft: number;
  private hold?: { entered: () => void; release: Promise<void> };
  private server?: http.Server;
  apiKey = 'downstream-key';

  constructor(private readonly options: Open311FakeOptions = {}) {
    this.failuresLeft = options.failFirst ?? 0;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/open311/v2`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        this.handle(req, body)
          .then(([status, json]) => {
            res.writeHead(status, { 'content-type': 'application/json' });
            res.end(JSON.stringify(json));
          })
          .catch(() => res.destroy());
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The next POST requests is received and processed, but its answer waits for the returned release(). */
  holdNextAnswer(): { entered: Promise<void>; release: () => void } {
    let entered!: () => void;
    let release!: () => void;
    const enteredP = new Promise<void>((r) => {
      entered = r;
    });
    this.hold = {
      entered,
      release: new Promise<void>((r) => {
        release = r;
      }),
    };
    return { entered: enteredP, release };
  }

  releaseTokens(): void {
    this.tokensReleased = true;
  }

  /** A city agent changes the request's status, with a note, as the CRM's own UI would. */
  setStatus(id: string, status: string, notes: string): void {
    const r = this.requests.find((x) => x.id === id);
    if (!r) throw new Error(`no request ${id}`);
    r.status = status;
    r.notes = notes;
    r.updated = new Date().toISOString();
    this.updates.push({ update_id: `u${this.updates.length + 1}`, service_request_id: id, status, description: notes, updated_datetime: r.updated });
  }

  private async handle(req: http.IncomingMessage, body: string): Promise<[number, unknown]> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/open311\/v2\//, '');
    if (req.method === 'POST') {
      this.posts++;
      const form = formOf(body);
      if (form.api_key !== this.apiKey) return [403, [{ code: 403, description: 'api_key is not valid' }]];
      if (this.failuresLeft > 0) {
        this.failuresLeft--;
        return [500, [{ code: 500, description: 'database busy' }]];
      }
      const key = req.headers['idempotency-key'];
      if (path === 'requests.json') {
        let id = typeof key === 'string' ? this.byKey.get(key) : undefined;
        if (!id) {
          id = String(7000 + this.requests.length + 1);
          const now = new Date().toISOString();
          this.requests.push({
            id,
            token: crypto.randomBytes(8).toString('hex'),
            form,
            status: 'open',
            notes: '',
            updated: now,
            createdAt: Date.now(),
          });
          if (typeof key === 'string') this.byKey.set(key, id);
        }
        const r = this.requests.find((x) => x.id === id)!;
        const hold = this.hold;
        if (hold) {
          this.hold = undefined;
          hold.entered();
          await hold.release;
        }
        return [200, [this.options.answer === 'token' ? { token: r.token } : { service_request_id: r.id }]];
      }
      if (path === 'servicerequestupdates.json') {
        const known = this.requests.find((x) => x.id === form.service_request_id);
        if (!known) return [404, [{ code: 404, description: 'no such request' }]];
        if (!this.updatesReceived.some((u) => u.update_id_ext === form.update_id_ext)) this.updatesReceived.push(form);
        return [200, [{ update_id: `in${this.updatesReceived.length}` }]];
      }
      return [404, [{ code: 404, description: 'no such route' }]];
    }
    if (path.startsWith('tokens/')) {
      const token = path.slice('tokens/'.length).replace(/\.json$/, '');
      const r = this.requests.find((x) => x.token === token);
      if (!r || !this.tokensReleased) return [404, [{ code: 404, description: 'token not known yet' }]];
      return [200, [{ service_request_id: r.id, token }]];
    }
    const ids = url.searchParams.get('service_request_id')?.split(',') ?? [];
    if (path === 'requests.json') {
      return [
        200,
        this.requests
          .filter((r) => ids.includes(r.id))
          .map((r) => ({ service_request_id: r.id, status: r.status, status_notes: r.notes, updated_datetime: r.updated })),
      ];
    }
    if (path === 'servicerequestupdates.json') {
      if (this.options.updatesEndpoint === false) return [404, [{ code: 404, description: 'not supported' }]];
      const from = url.searchParams.get('start_date');
      return [200, this.updates.filter((u) => ids.includes(u.service_request_id) && (!from || u.updated_datetime >= from))];
    }
    return [404, [{ code: 404, description: 'no such route' }]];
  }
}
