import { PermanentSendError, RateLimitedError, TransientSendError } from '../errors';

/**
 * HTTP for connectors: one mapping of a downstream's answer onto the typed errors that decide retries, so every
 * connector retries the same way. 408, 429 and 5xx are passing; any other 4xx is the request's fault and final.
 */

/** Longest Retry-After we honour; a downstream asking for more is retried after this. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** `fetch` with a deadline; a network failure or timeout becomes a TransientSendError naming `what`. */
export async function fetchWithin(url: string, init: RequestInit, timeoutMs: number, what: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new TransientSendError(`${what}: no answer (${cause === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : cause})`);
  }
}

/** Throws the typed error for a non-2xx answer; `detail` is the downstream's own words, shortened. */
export function throwForStatus(res: Response, detail: string, what: string): void {
  if (res.ok) return;
  const words = detail.replace(/\s+/g, ' ').trim().slice(0, 300);
  const message = `${what}: HTTP ${res.status}${words ? `: ${words}` : ''}`;
  if (res.status === 429) {
    const seconds = Number(res.headers.get('retry-after'));
    throw new RateLimitedError(message, Math.min(MAX_RETRY_AFTER_MS, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000));
  }
  if (res.status === 408 || res.status >= 500) throw new TransientSendError(message, res.status);
  throw new PermanentSendError(message, res.status);
}
