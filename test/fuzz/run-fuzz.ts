import http from 'node:http';
import { Random } from './random';
import { type FuzzRequest, type FuzzSecrets, makeRequest } from './requests';
import type { RouteInfo } from './routes';

/** What a fuzz run saw: answers by status class, per route, and a sample of the server errors. */
export interface FuzzReport {
  requests: number;
  seconds: number;
  byClass: Record<string, number>;
  byRoute: Record<string, { requests: number; fivexx: number; byClass: Record<string, number> }>;
  /** Up to `sampleLimit` distinct 5xx answers (and transport failures), to replay by hand. */
  failures: Array<{ route: string; kind: string; method: string; path: string; status: number | string; body: string }>;
}

export interface FuzzOptions {
  baseUrl: string;
  routes: readonly RouteInfo[];
  secrets: FuzzSecrets;
  total: number;
  seed: number;
  concurrency?: number;
  /** Stop early after this long, whatever the count. */
  maxSeconds: number;
  sampleLimit?: number;
}

const classOf = (status: number | string) => (typeof status === 'number' ? `${Math.floor(status / 100)}xx` : status);

function send(agent: http.Agent, base: URL, req: FuzzRequest): Promise<{ status: number | string; body: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body) headers['content-length'] = req.body.length;
    const out = http.request({ host: base.hostname, port: base.port, method: req.method, path: req.path, headers, agent, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      // A live stream never ends by itself: its status is all we need.
      if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        res.destroy();
        return resolve({ status: res.statusCode ?? 0, body: '' });
      }
      res.on('data', (c: Buffer) => {
        if (size < 2000) chunks.push(c);
        size += c.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, 300) }));
      res.on('error', () => resolve({ status: 'reset', body: '' }));
    });
    out.on('timeout', () => out.destroy(new Error('timeout')));
    out.on('error', (err) => resolve({ status: err.message === 'timeout' ? 'timeout' : 'reset', body: err.message }));
    out.end(req.body);
  });
}

/** Sends `total` seeded requests (or as many as fit in `maxSeconds`) to a loopback server and tallies the answers. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const base = new URL(options.baseUrl);
  if (base.hostname !== '127.0.0.1') throw new Error('fuzz: only a loopback server on 127.0.0.1 may be fuzzed');
  const concurrency = options.concurrency ?? 8;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const random = new Random(options.seed);
  const report: FuzzReport = { requests: 0, seconds: 0, byClass: {}, byRoute: {}, failures: [] };
  const seen = new Set<string>();
  const started = Date.now();
  const deadline = started + options.maxSeconds * 1000;
  let issued = 0;

  const worker = async () => {
    while (issued < options.total && Date.now() < deadline) {
      issued++;
      const req = makeRequest(random, options.routes, options.secrets);
      const { status, body } = await send(agent, base, req);
      const cls = classOf(status);
      report.requests++;
      report.byClass[cls] = (report.byClass[cls] ?? 0) + 1;
      report.byRoute[req.route] ??= { requests: 0, fivexx: 0, byClass: {} };
      const route = report.byRoute[req.route];
      route.requests++;
      route.byClass[cls] = (route.byClass[cls] ?? 0) + 1;
      if (cls === '2xx' || cls === '3xx' || cls === '4xx') continue;
      route.fivexx++;
      const key = `${req.route} ${status} ${body.slice(0, 80)}`;
      if (!seen.has(key) && report.failures.length < (options.sampleLimit ?? 40)) {
        seen.add(key);
        report.failures.push({ route: req.route, kind: req.kind, method: req.method, path: req.path.slice(0, 200), status, body });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

/** The report as a few lines: totals per status class, then each route's counts with its server errors. */
export function formatReport(report: FuzzReport): string {
  const classes = (c: Record<string, number>) =>
    Object.entries(c)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  const fivexx = report.requests - (report.byClass['2xx'] ?? 0) - (report.byClass['3xx'] ?? 0) - (report.byClass['4xx'] ?? 0);
  const lines = [
    `requests: ${report.requests} in ${report.seconds.toFixed(1)} s; server errors (5xx, resets, timeouts): ${fivexx}`,
    `by status class: ${classes(report.byClass)}`,
    'by route:',
    ...Object.entries(report.byRoute)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, r]) => `  ${route.padEnd(48)} ${String(r.requests).padStart(6)} requests, 5xx ${r.fivexx}  (${classes(r.byClass)})`),
  ];
  if (report.failures.length) {
    lines.push('sample of server errors:');
    for (const f of report.failures) lines.push(`  [${f.status}] ${f.kind} ${f.method} ${f.path} -> ${f.body.replace(/\s+/g, ' ').slice(0, 160)}`);
  }
  return lines.join('\n');
}
