/**
 * What bench:scale measures at each size: the read routes over HTTP (public site, Open311, staff API), an
 * intake POST with its duplicate check, and the queries behind the live stream's catch-up, the outbox relay
 * and the retention purge, called as the service calls them.
 */

import zlib from 'node:zlib';
import { listInFlight, listPending } from '../../src/outbound/outbox-store';
import { latestFeedEvents } from '../../src/public/feed-queries';
import { StreamHub } from '../../src/public/stream-hub';
import { Signals } from '../../src/signals';
import type { Database } from '../../src/storage/database';
import { purgeClosedPersonalData } from '../../src/storage/retention-repo';
import { runLoad } from './load';

/** p50/p99 in milliseconds, how many calls they are over, and how many answers were not the expected status. */
export interface Figure {
  p50: number;
  p99: number;
  samples: number;
  errors: number;
  /** Size of one answer (HTTP probes): a read that grows because its page fills up is told from one that scans. */
  bytes?: number;
  /** The same answer gzipped at level 5, as the nginx example sends Open311 and the Atom feed to clients that ask. */
  gzipBytes?: number;
}

/** Facts about the seeded data a probe needs: tokens, sample ids, the newest event. */
export interface ProbeData {
  /** The web processes' base URLs: requests go round-robin, as nginx's upstream sends them (docs/deployment.md). */
  bases: string[];
  staffToken: string;
  open311Key: string;
  publicIds: number[];
  midId: number;
  maxEventId: number;
  db: Database;
  requests: number;
  concurrency: number;
  /** The staff console's session cookie (`name=secret`) of a bench agent. */
  staffCookie: string;
  /** A word in about 1 in 400 seeded descriptions (an address number), for the queue's free-text search. */
  searchWord: string;
  /** A counter shared across sizes, so intake POSTs never repeat (a repeat within the hour is a retry). */
  posted: { n: number };
}

export interface Probe {
  name: string;
  /** Writes data: run after the reads. */
  writes?: boolean;
  run: (d: ProbeData) => Promise<Figure>;
}

const day = 86_400_000;
const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().replace(/\.\d+Z$/, 'Z');

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : Number.NaN;
}

/** Longest one probe runs at one size: on a loaded machine fewer samples, not a longer run. */
const PROBE_SECONDS = 3;

/** Calls `fn` `total` times (or for PROBE_SECONDS) with `concurrency` in flight, after a short warm-up, and measures each call. */
export async function measure(fn: (i: number) => Promise<unknown>, total: number, concurrency: number): Promise<Figure> {
  const deadline = Date.now() + PROBE_SECONDS * 1000;
  for (let i = 0; i < Math.min(concurrency, total); i++) await fn(i);
  const times: number[] = [];
  let next = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total && Date.now() < deadline) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        await fn(i).catch(() => errors++);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), samples: times.length, errors };
}

function get(path: string | ((d: ProbeData, i: number) => string), headers?: (d: ProbeData) => Record<string, string>) {
  return async (d: ProbeData): Promise<Figure> => {
    const urlFor = (i: number) => `${d.bases[i % d.bases.length]}${typeof path === 'string' ? path : path(d, i)}`;
    const warm = {
      url: urlFor(0),
      urlFor,
      method: 'GET' as const,
      headers: () => headers?.(d) ?? {},
      concurrency: d.concurrency,
      maxSeconds: PROBE_SECONDS,
    };
    // Warm up with 50 requests (at most a second): a web process that sat idle through the seeding JIT-compiles the
    // route's code and PostgreSQL reads the pages it needs during the first requests, and with only those two as
    // the warm-up, their stalls were a 3-second probe's p99 (Open311's page: 89 ms in the bench, 28 ms steady).
    await runLoad({ ...warm, total: Math.max(50, d.concurrency), maxSeconds: 1 });
    const r = await runLoad({ ...warm, total: d.requests });
    const sample = await fetch(urlFor(0), { headers: headers?.(d) });
    const answer = Buffer.from(await sample.arrayBuffer());
    const gzipBytes = zlib.gzipSync(answer, { level: 5 }).length;
    return { p50: r.p50, p99: r.p99, samples: r.requests, errors: r.errors, bytes: answer.length, gzipBytes };
  };
}

const staff = (d: ProbeData) => ({ authorization: `Bearer ${d.staffToken}` });
const consoleSession = (d: ProbeData) => ({ cookie: d.staffCookie });
const pick = (d: ProbeData, i: number) => d.publicIds[(i * 7919) % d.publicIds.length];

export const PROBES: Probe[] = [
  { name: 'GET /', run: get('/') },
  { name: 'GET /?status=open&service_code=dead-animal', run: get('/?status=open&service_code=dead-animal') },
  { name: 'GET /?before=(middle id)', run: get((d) => `/?before=${d.midId}`) },
  { name: 'GET /cases/{id}', run: get((d, i) => `/cases/${pick(d, i)}`) },
  { name: 'GET /feed.atom', run: get('/feed.atom') },
  {
    name: 'stream start (newest id + late look-back)',
    run: (d) =>
      measure(
        async () => {
          const hub = new StreamHub(d.db, new Signals(), 60_000, () => undefined);
          const stop = await hub.add(() => undefined);
          stop();
        },
        d.requests,
        d.concurrency,
      ),
  },
  {
    name: 'stream catch-up (1,000 events back)',
    run: (d) => measure(() => new StreamHub(d.db, new Signals(), 60_000, () => undefined).since(d.maxEventId - 1000), d.requests, d.concurrency),
  },
  { name: 'atom query alone (50 newest)', run: (d) => measure(() => latestFeedEvents(d.db, 50), d.requests, d.concurrency) },
  { name: 'open311 requests.json', run: get('/open311/v2/requests.json') },
  { name: 'open311 requests.xml', run: get('/open311/v2/requests.xml') },
  { name: 'open311 requests ?status=open', run: get('/open311/v2/requests.json?status=open') },
  { name: 'open311 requests ?service_code=pothole', run: get('/open311/v2/requests.json?service_code=pothole') },
  { name: 'open311 ?status=open&service_code=illegal-parking', run: get('/open311/v2/requests.json?status=open&service_code=illegal-parking') },
  { name: 'open311 ?status=closed&service_code=dead-animal', run: get('/open311/v2/requests.json?status=closed&service_code=dead-animal') },
  {
    name: 'open311 requests, one week a year ago',
    run: get(() => `/open311/v2/requests.json?start_date=${iso(372 * day)}&end_date=${iso(365 * day)}`),
  },
  { name: 'open311 requests ?page=20&page_size=50', run: get('/open311/v2/requests.json?page=20&page_size=50') },
  {
    name: 'open311 requests ?service_request_id=(5 ids)',
    run: get((d, i) => `/open311/v2/requests.json?service_request_id=${[0, 1, 2, 3, 4].map((k) => pick(d, i + k)).join(',')}`),
  },
  { name: 'open311 requests/{id}.json', run: get((d, i) => `/open311/v2/requests/${pick(d, i)}.json`) },
  { name: 'open311 servicerequestupdates (90 days)', run: get('/open311/v2/servicerequestupdates.json') },
  {
    name: 'open311 servicerequestupdates, a day a year ago',
    run: get(() => `/open311/v2/servicerequestupdates.json?start_date=${iso(366 * day)}&end_date=${iso(365 * day)}`),
  },
  { name: 'staff GET /api/v1/cases', run: get('/api/v1/cases', staff) },
  { name: 'staff ?status=open', run: get('/api/v1/cases?status=open', staff) },
  { name: 'staff ?service_code=dead-animal', run: get('/api/v1/cases?service_code=dead-animal', staff) },
  { name: 'staff ?channel=web', run: get('/api/v1/cases?channel=web', staff) },
  { name: 'staff ?status=in_progress&channel=twitter', run: get('/api/v1/cases?status=in_progress&channel=twitter', staff) },
  { name: 'staff ?since=(a day ago)', run: get(() => `/api/v1/cases?since=${iso(day)}`, staff) },
  { name: 'staff ?cursor=(middle id)', run: get((d) => `/api/v1/cases?cursor=${d.midId}`, staff) },
  { name: 'staff GET /api/v1/cases/{id}', run: get((d, i) => `/api/v1/cases/${pick(d, i)}`, staff) },
  // The staff console's queue (src/staff/queue-query.ts): the page, each filter, the free-text search. The map is
  // drawn from the same page's rows (data-lat/data-lon), so the page's time is the map's.
  { name: 'console queue /staff', run: get('/staff', consoleSession) },
  { name: 'console ?status=open', run: get('/staff?status=open', consoleSession) },
  { name: 'console ?status=closed', run: get('/staff?status=closed', consoleSession) },
  { name: 'console ?service_code=dead-animal', run: get('/staff?service_code=dead-animal', consoleSession) },
  { name: 'console ?channel=twitter', run: get('/staff?channel=twitter', consoleSession) },
  { name: 'console ?department=(one)', run: get('/staff?department=Public%20Works', consoleSession) },
  { name: 'console ?neighborhood=(one)', run: get('/staff?neighborhood=Roxbury', consoleSession) },
  { name: 'console ?assignee=none', run: get('/staff?assignee=none', consoleSession) },
  {
    name: 'console ?from=&to= (a week a year ago)',
    run: get(() => `/staff?from=${iso(372 * day).slice(0, 10)}&to=${iso(365 * day).slice(0, 10)}`, consoleSession),
  },
  { name: 'console ?overdue=1', run: get('/staff?overdue=1', consoleSession) },
  { name: 'console ?q=(rare word)', run: get((d) => `/staff?q=${d.searchWord}`, consoleSession) },
  { name: 'console ?q=(word in every case)', run: get('/staff?q=synthetic', consoleSession) },
  { name: 'console ?q=(word in 1 note in 5)', run: get('/staff?q=crew', consoleSession) },
  { name: 'console ?q=(no match)', run: get('/staff?q=zyzzogeton', consoleSession) },
  { name: 'console ?status=open&q=(rare word)', run: get((d) => `/staff?status=open&q=${d.searchWord}`, consoleSession) },
  { name: 'console ?page=20', run: get('/staff?page=20', consoleSession) },
  { name: 'relay pending scan (100)', run: (d) => measure(() => listPending(d.db, 100), d.requests, d.concurrency) },
  { name: 'relay in-flight scan (100)', run: (d) => measure(() => listInFlight(d.db, 60_000, 0, 100), d.requests, d.concurrency) },
  {
    name: 'intake: open311 POST (duplicate check)',
    writes: true,
    run: (d) =>
      measure(
        async () => {
          const n = d.posted.n++;
          const body = new URLSearchParams({
            api_key: d.open311Key,
            service_code: 'illegal-parking',
            // A grid of 97 x 89 points about 11 m apart in Back Bay and the Fenway, every one inside the city limit.
            // The old grid reached the harbour at its east edge: 37 of its points were outside the city, and the
            // one "error" seen at 10k was the service rightly refusing one of them (400, "outside the city").
            lat: String(42.342 + (n % 97) * 0.0001),
            long: String(-71.09 + (n % 89) * 0.0001),
            description: `Bench report ${n}: car parked across the crosswalk`,
          });
          const res = await fetch(`${d.bases[n % d.bases.length]}/open311/v2/requests.json`, { method: 'POST', body });
          const answer = await res.text();
          if (res.status !== 201 && res.status !== 200) {
            // Printed, not only counted: an unexpected answer to a resident's report is a bug to read.
            console.error(`\nbench:scale: intake POST ${n} answered ${res.status}: ${answer.slice(0, 300)}`);
            throw new Error(`intake POST answered ${res.status}`);
          }
        },
        d.requests,
        d.concurrency,
      ),
  },
  {
    name: 'retention purge batch (500 cases)',
    writes: true,
    // One purge runs at a time in service (housekeeping); concurrent batches would only measure lock waits.
    run: (d) => measure(() => purgeClosedPersonalData(d.db, 365, 500), Math.max(4, Math.min(12, Math.floor(d.requests / 16))), 1),
  },
];
