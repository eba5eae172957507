import http from 'node:http';

/** Result of one bounded load run against a loopback URL. */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/**
 * Sends `total` requests with `concurrency` in flight over keep-alive connections and measures each.
 * Bounded in count and by `maxSeconds`; loopback only.
 */
export async function runLoad(options: {
  url: string;
  /** The URL of request `i`, when requests differ (default: `url` for all). */
  urlFor?: (i: number) => string;
  method: 'GET' | 'POST';
  body?: (i: number) => string;
  /** Content type of `body` (default JSON). */
  contentType?: string;
  /** Extra headers for request `i` (e.g. a signature over its body). */
  headers?: (i: number, body: string | undefined) => Record<string, string>;
  total: number;
  concurrency: number;
  maxSeconds: number;
}): Promise<LoadResult> {
  const target = new URL(options.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error('benchmarks only target loopback');
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + options.maxSeconds * 1000;

  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const body = options.body?.(i);
      const t0 = process.hrtime.bigint();
      const req = http.request(
        options.urlFor ? new URL(options.urlFor(i)) : target,
        {
          method: options.method,
          agent,
          headers: {
            ...(body ? { 'content-type': options.contentType ?? 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
            ...options.headers?.(i, body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200 && res.statusCode !== 201) errors++;
            latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });

  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.total && Date.now() < deadline) await one(next++);
    }),
  );
  agent.destroy();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

export function formatLoad(name: string, r: LoadResult): string {
  return `${name.padEnd(14)} ${r.perSecond.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms   (${r.requests} requests, ${r.errors} errors, ${r.seconds.toFixed(1)} s)`;
}
