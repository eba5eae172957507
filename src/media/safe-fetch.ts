import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { MediaFetchPlan } from '../channels/media-source';
import { MediaFetchError, MediaRefusedError } from './media-errors';
import { tooLarge } from './process-image';

/** Names to addresses: the system resolver by default; tests hand in a fake DNS. */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) => (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

export interface FetchLimits {
  maxBytes: number;
  /** For the whole download, redirects included. */
  timeoutMs: number;
  /** Exact `address:port` pairs allowed although not public (MEDIA_FETCH_ALLOW_PRIVATE; tests only). */
  allowPrivate: readonly string[];
  resolve?: Resolver;
}

export interface Fetched {
  bytes: Buffer;
  contentType: string;
}

const MAX_HOPS = 5;

/**
 * Downloads a media URL the way an untrusted URL must be: http(s) only, every hop's host resolved and each address
 * checked to be public (no loopback, private, link-local/cloud metadata, CGNAT, unique-local, multicast...), the
 * connection made to the address that was checked (a second DNS answer cannot swap it), redirects followed by hand
 * and checked the same way, and size and time limits. A plan's headers go to its own origin only; a trusted origin
 * (the provider's, from configuration) skips the address check, its redirect targets do not.
 */
export async function safeFetch(plan: MediaFetchPlan, limits: FetchLimits): Promise<Fetched> {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  const origin = new URL(plan.url).origin;
  let url = new URL(plan.url);
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new MediaRefusedError(`refused to fetch a ${url.protocol} URL: only http(s)`);
    if (url.username || url.password) throw new MediaRefusedError('refused to fetch a URL that carries a user name or password');
    const own = url.origin === origin;
    const address = own && plan.trustedOrigin ? undefined : await publicAddress(url, limits);
    const res = await get(url, own ? plan.headers : {}, address, deadline);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      url = new URL(res.headers.location, url);
      continue;
    }
    return await readBody(res, status, limits.maxBytes);
  }
  throw new MediaRefusedError(`more than ${MAX_HOPS} redirects`);
}

/** The address to connect to, after checking every address the host resolves to; refuses a non-public one. */
async function publicAddress(url: URL, limits: FetchLimits): Promise<string> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (limits.resolve ?? systemResolver)(host);
    } catch (err) {
      throw new MediaFetchError(`could not resolve ${host}: ${(err as Error).message}`);
    }
    if (!addresses.length) throw new MediaFetchError(`${host} has no address`);
  }
  for (const a of addresses) {
    const range = rangeOf(a);
    if (range !== 'unicast' && !limits.allowPrivate.includes(`${a.includes(':') ? `[${a}]` : a}:${port}`)) {
      throw new MediaRefusedError(`refused to fetch from ${host}: it resolves to ${a}, a ${range} address, not a public one`);
    }
  }
  return addresses[0];
}

function rangeOf(address: string): string {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range();
}

function get(url: URL, headers: Record<string, string>, address: string | undefined, signal: AbortSignal): Promise<http.IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  // Pin the connection to the address checked above; TLS still verifies the certificate against the host name.
  const lookup: LookupFunction | undefined = address
    ? (_h, options, cb) =>
        (options as { all?: boolean }).all
          ? (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family: isIP(address) }])
          : cb(null, address, isIP(address))
    : undefined;
  return new Promise((resolve, reject) => {
    const req = client.get(
      url,
      { headers: { accept: 'image/*', 'user-agent': 'intake311-media', ...headers }, signal, ...(lookup ? { lookup } : {}) },
      resolve,
    );
    req.on('error', (err) => reject(new MediaFetchError(signal.aborted ? 'the download took too long' : `download failed: ${err.message}`)));
  });
}

async function readBody(res: http.IncomingMessage, status: number, maxBytes: number): Promise<Fetched> {
  const type = String(res.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  const refuse = (error: Error) => {
    res.destroy();
    throw error;
  };
  if (status === 429 || status >= 500) refuse(new MediaFetchError(`the media server answered ${status}`));
  if (status !== 200) refuse(new MediaRefusedError(`the media server answered ${status}`));
  if (type && !type.startsWith('image/') && type !== 'application/octet-stream')
    refuse(new MediaRefusedError(`not an image (the server says ${type})`));
  const declared = Number(res.headers['content-length'] ?? 0);
  if (declared > maxBytes) refuse(new MediaRefusedError(tooLarge(declared, maxBytes)));
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) refuse(new MediaRefusedError(tooLarge(0, maxBytes)));
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof MediaRefusedError) throw err;
    throw new MediaFetchError(`download failed: ${(err as Error).message}`);
  }
  return { bytes: Buffer.concat(chunks), contentType: type };
}
