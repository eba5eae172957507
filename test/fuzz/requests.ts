import { twilioSignature } from '../../vendors/twilio/signature';
import { signXWebhookBody as twitterHmac } from '../../vendors/x/signature';
import { CALLS, hex, OPEN311_FIELDS, QUERY_NAMES, STAFF_FIELDS, TRY_FIELDS, TWILIO_FIELDS, value } from './fields';
import { enc, hostile, RAW_ESCAPES, type Random } from './random';
import type { RouteInfo } from './routes';

/** One request to send: `path` is already encoded (it may hold deliberately broken escapes). */
export interface FuzzRequest {
  /** The route template it aims at (`POST /channels/sms`), or `other` for paths no route has. */
  route: string;
  /** `garbage` for unauthenticated input; `signed` when it carries a valid signature or key. */
  kind: 'garbage' | 'signed';
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** The secrets the app verifies with, so signed malformed requests get past the signature check. */
export interface FuzzSecrets {
  publicBaseUrl: string;
  twilio: string;
  twitter: string;
  open311Key: string;
  staffToken: string;
}

/** A query string: known and unknown names, hostile values, repeated keys, bracket nesting and broken escapes. */
function queryString(r: Random): string {
  if (r.chance(0.25)) return '';
  const parts: string[] = [];
  for (let i = 0, n = 1 + r.int(4); i < n; i++) {
    const name = r.chance(0.85) ? r.pick(QUERY_NAMES) : enc(r.pick(['a', '__proto__', 'constructor[prototype][x]', '']));
    const roll = r.next();
    if (roll < 0.6) parts.push(`${name}=${enc(value(r, name))}`);
    else if (roll < 0.72) parts.push(`${name}=${r.pick(RAW_ESCAPES)}`);
    else if (roll < 0.82) parts.push(`${name}=1&${name}=2`);
    else if (roll < 0.9) parts.push(`${name}[]=${enc(value(r, name))}`);
    else parts.push(`${name}${'[a]'.repeat(1 + r.int(40))}=1`);
  }
  return `?${parts.join('&')}`;
}

/** Fills a route template's parameters with hostile or plausible values. */
function fillPath(r: Random, template: string): string {
  return template
    .replace(/\{\.:format\}/g, () => r.pick(['', '', '.json', '.xml', '.xml', '.html', `.${enc(r.pick(['XML', 'a.b', '\u0000', '%']))}`]))
    .replace(/:(\w+)/g, (_m, name: string) => {
      const roll = r.next();
      if (roll < 0.4) return r.pick(['1', '2', '3', '0', hex(r, 32), r.pick(CALLS), 'pothole']);
      if (roll < 0.5) return r.pick(RAW_ESCAPES);
      return enc(value(r, name)) || '1';
    });
}

type Pairs = Array<[string, string]>;

/** Fields by name, each once except for a deliberate repeat now and then; `taken` names are left out. */
function formPairs(r: Random, names: readonly string[], count: number, taken: readonly string[] = []): Pairs {
  const pairs: Pairs = [];
  const used = new Set(taken);
  for (let i = 0; i < count; i++) {
    const name = r.pick(names);
    if (used.has(name)) continue;
    used.add(name);
    pairs.push([name, value(r, name)]);
    if (r.chance(0.03)) pairs.push([name, value(r, name)]);
  }
  return pairs;
}

const encodeForm = (pairs: Pairs) => pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');

/** A JSON value of random shape: where an object is expected it may be an array, a number or null. */
function jsonValue(r: Random, names: readonly string[], depth: number): unknown {
  const roll = r.next();
  if (depth <= 0 || roll < 0.45) {
    return r.pick<unknown>([value(r, r.pick(names)), 5, -1, 1e308, 2 ** 63, 0.5, true, null, '', [], {}]);
  }
  if (roll < 0.6) return Array.from({ length: r.int(4) }, () => jsonValue(r, names, depth - 1));
  const out: Record<string, unknown> = {};
  for (let i = 0, n = 1 + r.int(6); i < n; i++) out[r.pick(names)] = jsonValue(r, names, depth - 1);
  return out;
}

/** A request body nobody signed: broken encodings, wrong types, deep nesting, oversize. */
function garbageBody(r: Random, names: readonly string[]): { body: Buffer; headers: Record<string, string> } {
  const roll = r.next();
  const types = [
    'application/json',
    'application/x-www-form-urlencoded',
    'application/json; charset=klingon',
    'application/x-www-form-urlencoded; charset=utf-16',
    'application/x-www-form-urlencoded; charset=latin1',
    'text/plain',
    'multipart/form-data; boundary=x',
    'application/xml',
  ];
  const headers: Record<string, string> = { 'content-type': r.pick(types) };
  let body: Buffer;
  if (roll < 0.3) body = Buffer.from(encodeForm(formPairs(r, names, 1 + r.int(8))));
  else if (roll < 0.5) body = Buffer.from(JSON.stringify(jsonValue(r, names, 4)) ?? 'null');
  else if (roll < 0.58)
    body = Buffer.from(r.pick(['{', '{"a":', '[1,', '\u0000', 'null', '5', '"x"', '{"__proto__":{"x":1}}', 'a=%&b=%zz', 'a=%ED%A0%80']));
  else if (roll < 0.64) body = Buffer.from(Array.from({ length: 1 + r.int(200) }, () => r.int(256)));
  else if (roll < 0.7) body = Buffer.from(`${'a'.repeat(1 + r.int(3))}${'[b]'.repeat(10 + r.int(60))}=1`);
  else if (roll < 0.75) body = Buffer.from(Array.from({ length: 1200 }, (_, i) => `k${i}=1`).join('&'));
  else if (roll < 0.78) body = Buffer.from(`a=${'x'.repeat(r.chance(0.1) ? 1_100_000 : 70_000)}`);
  else if (roll < 0.85) body = Buffer.from(`${encodeForm(formPairs(r, names, 3))}&${r.pick(RAW_ESCAPES)}=${r.pick(RAW_ESCAPES)}`);
  else body = Buffer.from(JSON.stringify(jsonValue(r, names, 2)) ?? 'null');
  if (r.chance(0.08)) headers['content-encoding'] = r.pick(['deflate', 'gzip', 'br', 'x-unknown', 'identity, gzip']);
  return { body, headers };
}

function grouped(pairs: Pairs): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [k, v] of pairs) {
    const prev = params[k];
    params[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return params;
}

/** A Twilio webhook with malformed fields but a valid X-Twilio-Signature over exactly what is sent. */
function signedTwilio(r: Random, route: RouteInfo, s: FuzzSecrets): FuzzRequest {
  const path = route.path + (r.chance(0.1) ? queryString(r) : '');
  const pairs: Pairs = r.chance(0.8)
    ? [
        ['CallSid', r.pick(CALLS)],
        ['MessageSid', `SM${hex(r, 32)}`],
        ['From', '+16175550100'],
      ]
    : [];
  pairs.push(
    ...formPairs(
      r,
      TWILIO_FIELDS,
      1 + r.int(10),
      pairs.map(([k]) => k),
    ),
  );
  // The signature covers the parameters as the server parses them, which turns UTF-8 it cannot decode into U+FFFD like Buffer does.
  const signature = twilioSignature(s.twilio, s.publicBaseUrl + path, grouped(pairs));
  return {
    route: `${route.method} ${route.path}`,
    kind: 'signed',
    method: 'POST',
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: Buffer.from(encodeForm(pairs)),
  };
}

/** An X Account Activity event of an unexpected shape, correctly signed. */
function signedX(r: Random, route: RouteInfo, s: FuzzSecrets): FuzzRequest {
  const tweetNames = [
    'id_str',
    'text',
    'full_text',
    'user',
    'extended_tweet',
    'entities',
    'extended_entities',
    'coordinates',
    'place',
    'in_reply_to_status_id_str',
    'lang',
    'retweeted_status',
    'quoted_status',
    'is_quote_status',
  ];
  const tweet = () => {
    if (r.chance(0.2)) return jsonValue(r, tweetNames, 2);
    const t: Record<string, unknown> = {
      id_str: r.chance(0.8) ? String(1e15 + r.int(1e9)) : jsonValue(r, tweetNames, 0),
      text: r.chance(0.7) ? `@city ${value(r, 'text')}` : jsonValue(r, tweetNames, 1),
      user: r.chance(0.7) ? { id_str: r.chance(0.8) ? String(1000 + r.int(50)) : 5, screen_name: value(r, 'handle') } : jsonValue(r, tweetNames, 1),
    };
    for (let i = 0, n = r.int(3); i < n; i++) t[r.pick(tweetNames)] = jsonValue(r, tweetNames, 2);
    return t;
  };
  const shapes = [
    () => null,
    () => 5,
    () => [],
    () => ({ tweet_create_events: 5 }),
    () => ({ tweet_create_events: 'x' }),
    () => ({ tweet_create_events: { id_str: '1' } }),
    () => ({ for_user_id: jsonValue(r, tweetNames, 1), tweet_create_events: Array.from({ length: 1 + r.int(3) }, tweet) }),
    () => ({ tweet_create_events: Array.from({ length: 1 + r.int(3) }, tweet) }),
  ];
  const raw = r.chance(0.05) ? Buffer.from([0xff, 0xfe, 0x7b]) : Buffer.from(JSON.stringify(r.pick(shapes)()) ?? 'null');
  return {
    route: `${route.method} ${route.path}`,
    kind: 'signed',
    method: 'POST',
    path: route.path,
    headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': twitterHmac(s.twitter, raw) },
    body: raw,
  };
}

/** A request with a valid Open311 api_key or staff token and malformed everything else. */
function keyed(r: Random, route: RouteInfo, s: FuzzSecrets): FuzzRequest {
  const path = fillPath(r, route.path) + queryString(r);
  const headers: Record<string, string> = {};
  let body: Buffer | undefined;
  if (route.path.startsWith('/api/')) headers.authorization = `Bearer ${s.staffToken}`;
  if (route.method !== 'GET') {
    const names = route.path.startsWith('/open311') ? OPEN311_FIELDS : route.path.startsWith('/try') ? TRY_FIELDS : STAFF_FIELDS;
    if (r.chance(0.5)) {
      const base: Pairs = route.path.startsWith('/open311')
        ? [
            ['api_key', s.open311Key],
            ['service_code', r.pick(['pothole', 'streetlight', 'graffiti'])],
            ['lat', '42.35'],
            ['long', '-71.06'],
          ]
        : [];
      const pairs = [
        ...base.filter(() => r.chance(0.9)),
        ...formPairs(
          r,
          names,
          1 + r.int(8),
          base.map(([k]) => k),
        ),
      ];
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = Buffer.from(encodeForm(pairs));
    } else {
      const doc = jsonValue(r, names, 3);
      const withKey =
        doc && typeof doc === 'object' && !Array.isArray(doc) && route.path.startsWith('/open311') ? { api_key: s.open311Key, ...doc } : doc;
      headers['content-type'] = 'application/json';
      body = Buffer.from(JSON.stringify(withKey) ?? 'null');
    }
    if (r.chance(0.2)) headers['idempotency-key'] = value(r, 'key').replace(/[^\t\x20-\x7e]/g, '?');
  }
  return { route: `${route.method} ${route.path}`, kind: 'signed', method: route.method, path, headers, body };
}

/** Anything at all from a stranger: any method on any route, or a path no route has. */
function garbage(r: Random, route: RouteInfo | undefined, s: FuzzSecrets): FuzzRequest {
  const method = route && r.chance(0.85) ? route.method : r.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']);
  const path = route
    ? fillPath(r, route.path) + queryString(r)
    : `/${r.pick(['open311/v2/', 'channels/', 'api/v1/', 'try/api/', 'assets/', 'cases/', 'feed', ''])}${enc(hostile(r))}${r.pick(['', r.pick(RAW_ESCAPES), '/..', '.xml'])}${queryString(r)}`;
  const headers: Record<string, string> = {};
  if (r.chance(0.15))
    headers.authorization = r
      .pick(['Bearer ', 'Bearer x', `Bearer ${s.staffToken}x`, 'Basic Zm9vOmJhcg==', 'Bearer \u00e9'])
      .replace(/[^\t\x20-\x7e]/g, '?');
  if (r.chance(0.1)) headers['x-twilio-signature'] = r.pick(['', 'AAAA', 'x'.repeat(28)]);
  if (r.chance(0.1)) headers['x-twitter-webhooks-signature'] = r.pick(['sha256=', 'sha256=AAAA', 'x']);
  if (r.chance(0.1)) headers['accept-language'] = r.pick(['es', '*', 'x'.repeat(300), 'es;q=NaN, en;q=1e999']);
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD' && r.chance(0.9)) {
    const names = route?.path.startsWith('/channels/')
      ? TWILIO_FIELDS
      : route?.path.startsWith('/open311')
        ? OPEN311_FIELDS
        : [...STAFF_FIELDS, ...TRY_FIELDS];
    const g = garbageBody(r, names);
    body = g.body;
    Object.assign(headers, g.headers);
  }
  return { route: route ? `${route.method} ${route.path}` : 'other', kind: 'garbage', method, path, headers, body };
}

/** The next fuzz request: every route gets both garbage and, where it checks a signature or key, signed malformed input. */
export function makeRequest(r: Random, routes: readonly RouteInfo[], s: FuzzSecrets): FuzzRequest {
  const route = r.chance(0.05) ? undefined : r.pick(routes);
  if (route && r.chance(0.55)) {
    if (route.path === '/channels/twitter/webhook' && route.method === 'POST') return signedX(r, route, s);
    if (route.path.startsWith('/channels/')) return signedTwilio(r, route, s);
    if (route.path.startsWith('/api/') || route.path.startsWith('/open311') || route.path.startsWith('/try/api')) return keyed(r, route, s);
  }
  return garbage(r, route, s);
}
