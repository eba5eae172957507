import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { hasUnsafeCharacters } from './clean-text';

/**
 * Why a media URL is not one we accept or show, or undefined when it is an http(s) URL to a public host.
 *
 * A photo URL is shown to the public and may later be fetched by the server, so it must not point into
 * the city's own network (cloud metadata at 169.254.169.254, loopback, private and carrier-grade NAT ranges,
 * link-local, unique local, multicast, unspecified, IPv4-mapped IPv6 forms of those) or at a name that only
 * resolves locally (`localhost`, `*.localhost`, single-label hosts). The WHATWG URL parser has already
 * turned integer, octal and hex host forms (`http://2130706433/`, `http://0x7f.1/`) into dotted IPv4, so
 * they are classified like any other literal. Names are not resolved here: that belongs at fetch time.
 */
export function nonPublicUrlReason(raw: string): string | undefined {
  // The URL parser quietly drops tabs and newlines and encodes controls, but the string as given is what gets stored.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\s\u0000-\u001f\u007f]/.test(raw) || hasUnsafeCharacters(raw)) return 'must not contain spaces or control characters';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http(s) URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  // node's isIP is a quick native test; ipaddr.js (slow on ordinary names) only classifies real literals.
  if (isIP(literal) !== 0) {
    let address = ipaddr.parse(literal);
    if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
    const range = address.range();
    return range === 'unicast' ? undefined : `must point to a public host (${address.toString()} is ${range})`;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return 'must point to a public host, not localhost';
  if (!host.includes('.')) return `must point to a public host with a full domain name, not "${host}"`;
  return undefined;
}

/** True for an http(s) URL to a public host: the only media URLs stored or shown. */
export function isPublicUrl(raw: string | null | undefined): raw is string {
  return typeof raw === 'string' && nonPublicUrlReason(raw) === undefined;
}
