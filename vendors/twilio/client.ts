import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type { TwilioConfig } from '../../src/channels/channel';

/** Twilio settings in live mode: the only mode in which we talk to Twilio's REST API. */
export type LiveTwilioConfig = Extract<TwilioConfig, { mode: 'live' }>;

/** The twilio SDK client type (REST resources such as `messages`, `calls`, `recordings`). */
export type TwilioClient = twilio.Twilio;

/** How long one REST call may take before it counts as a network failure (the SDK's default is 30 s). */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Moves a Twilio REST URL onto another base URL, keeping its path and query:
 * `https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json` with base `http://127.0.0.1:4010`
 * becomes `http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Messages.json`. A base with a path prefix keeps it.
 * URLs on other hosts (not `*.twilio.com`) are returned unchanged. With no base, the URL is returned as is.
 * Also useful for media and recording URLs Twilio hands us, so tests can serve them from a fake.
 */
export function rebaseTwilioUrl(uri: string, apiBaseUrl: string | undefined): string {
  if (!apiBaseUrl) return uri;
  const target = new URL(uri);
  if (target.hostname !== 'twilio.com' && !target.hostname.endsWith('.twilio.com')) return uri;
  const base = new URL(apiBaseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${target.pathname}${target.search}`;
}

/** Seconds or an HTTP date in a Retry-After header, as milliseconds from now. */
export function retryAfterMs(header: unknown): number | undefined {
  if (typeof header !== 'string' || !header.trim()) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** An error from Twilio's REST API, as the SDK raises it, plus how long Twilio asked us to wait (429). */
export type TwilioRestError = InstanceType<typeof twilio.RestException> & { retryAfterMs?: number };

/**
 * The SDK's own request client (axios, Basic auth, Twilio's error parsing), with two additions:
 * requests go to TWILIO_API_BASE_URL when set (the SDK has no base-URL option, only edge/region, which still
 * resolve to *.twilio.com, but a custom `httpClient` is its documented extension point), and a 429's
 * Retry-After header is kept on the error (the SDK's RestException drops response headers).
 */
function requestClient(apiBaseUrl: string | undefined): RequestClient {
  const client = new twilio.RequestClient({ timeout: REQUEST_TIMEOUT_MS, autoRetry: false });
  const send = client.request.bind(client);
  client.request = async (opts) => {
    const response = await send({ ...opts, uri: rebaseTwilioUrl(opts.uri, apiBaseUrl) });
    if (response.statusCode === 429) {
      const err: TwilioRestError = new twilio.RestException(response);
      err.retryAfterMs = retryAfterMs(response.headers?.['retry-after']);
      throw err;
    }
    return response;
  };
  return client;
}

/**
 * Builds the twilio SDK client from configuration. With `apiBaseUrl` set (TWILIO_API_BASE_URL), every REST
 * call goes there (a local fake in tests, or a proxy); otherwise to Twilio itself. The SDK never retries on
 * its own (autoRetry off): retries are the job queue's decision, driven by our typed send errors.
 */
export function createTwilioClient(config: LiveTwilioConfig): TwilioClient {
  return twilio(config.accountSid, config.authToken, { httpClient: requestClient(config.apiBaseUrl), autoRetry: false });
}
