import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { PermanentSendError, RateLimitedError, TransientSendError } from '../../src/errors';

/** When X gives no usable reset time on a 429, wait one of its 15-minute windows. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 15 * 60_000;

/** What X said, in one line for `last_error`: its v2 `detail`/`title`, or a v1.1 error message. */
function describe(err: ApiResponseError): string {
  const data = err.data as { detail?: string; title?: string; errors?: { message?: string }[] } | undefined;
  return data?.detail ?? data?.errors?.[0]?.message ?? data?.title ?? err.message;
}

/** Milliseconds until X's `x-rate-limit-reset` (epoch seconds), from the parsed limit or the raw header. */
export function resetDelayMs(err: ApiResponseError, now = Date.now()): number {
  const header = err.headers?.['x-rate-limit-reset'];
  const reset = err.rateLimit?.reset ?? Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isFinite(reset) || reset <= 0) return DEFAULT_RATE_LIMIT_WAIT_MS;
  return Math.max(reset * 1000 - now, 1000);
}

/**
 * Turns what twitter-api-v2 threw into the errors the queue acts on: 429 waits for X's reset; other
 * 4xx (duplicate text, a deleted tweet to reply to, bad credentials) will not succeed on retry; 5xx and
 * network failures are passing.
 */
export function mapXError(err: unknown, what: string): Error {
  if (err instanceof ApiResponseError) {
    const detail = describe(err);
    if (err.code === 429 || err.code === 420) {
      return new RateLimitedError(`twitter: X rate limit reached while ${what}: ${detail}`, resetDelayMs(err));
    }
    if (err.code >= 500) return new TransientSendError(`twitter: X answered ${err.code} while ${what}: ${detail}`, err.code);
    const hint = err.code === 401 ? '; check TWITTER_APP_KEY/SECRET and TWITTER_ACCESS_TOKEN/SECRET' : '';
    return new PermanentSendError(`twitter: X refused (${err.code}) while ${what}: ${detail}${hint}`, err.code);
  }
  if (err instanceof ApiRequestError || err instanceof ApiPartialResponseError) {
    return new TransientSendError(`twitter: could not reach X while ${what}: ${err.message}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}
