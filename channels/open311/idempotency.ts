import crypto from 'node:crypto';

/** How long a retried POST without an Idempotency-Key is recognised as the same report: one to two windows. */
export const RETRY_WINDOW_MS = 3600_000;

/** Provider message ids for a POST, and the request token handed back for `tokens/{token}`. */
export interface PostKeys {
  current: string;
  previous?: string;
}

function digest(parts: string[]): string {
  return crypto.createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}

// Keys sorted so the same form in another field order is the same report.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Open311 has no idempotency key, yet apps on weak connections retry POSTs. A client that sends an
 * `Idempotency-Key` header gets exactly that key (per API key). Otherwise the key is the body itself
 * within an hourly window: a retry in the same or next window returns the same request, while the same
 * words sent days later are a new report. The result is an opaque hex token, also used as the spec's token.
 */
export function postKeys(clientId: number, body: Record<string, unknown>, idempotencyKey: string | undefined, now = Date.now()): PostKeys {
  if (idempotencyKey) return { current: digest([String(clientId), 'key', idempotencyKey]) };
  const { api_key: _secret, ...rest } = body;
  const window = Math.floor(now / RETRY_WINDOW_MS);
  const content = canonical(rest);
  return {
    current: digest([String(clientId), 'body', content, String(window)]),
    previous: digest([String(clientId), 'body', content, String(window - 1)]),
  };
}
