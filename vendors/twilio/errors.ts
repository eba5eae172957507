import { PermanentSendError, RateLimitedError, RecipientOptedOutError, TransientSendError } from '../../src/errors';

/** Twilio error 21610: the recipient texted STOP to our number, and Twilio will not deliver to it until START. */
const OPTED_OUT = 21610;
/**
 * Twilio error codes where the recipient itself is the cause: not a mobile number (21614), not a valid
 * number (21211, 21217, 21401), or unreachable (21612). Their subscriptions are turned off.
 */
const RECIPIENT_GONE = new Set([21614, 21211, 21217, 21401, 21612]);
/** When Twilio says "too many requests" without a Retry-After header. */
const DEFAULT_RETRY_AFTER_MS = 5_000;

interface TwilioRestError {
  status?: number;
  code?: number;
  message?: string;
  retryAfterMs?: number;
}

/** True when a Twilio error code (a REST error, or a status callback's ErrorCode) says the recipient opted out. */
export function isOptedOutCode(code: string | number | undefined): boolean {
  return code !== undefined && Number(code) === OPTED_OUT;
}

/** Twilio's error messages quote the phone number; ours never carry one into logs or the outbox. */
function redact(text: string): string {
  return text.replace(/\+?\d[\d\s().-]{6,}\d/g, '[number]');
}

/** Maps an error from the twilio SDK to the typed send errors the outbound queue retries on (or not). */
export function toSendError(err: unknown): Error {
  const e = (err ?? {}) as TwilioRestError;
  if (typeof e.status !== 'number') {
    return new TransientSendError(`twilio: request failed (${redact(String((err as Error)?.message ?? err))}); will retry`);
  }
  const what = redact(`twilio ${e.code ?? e.status}: ${e.message ?? 'no message'}`);
  if (e.status === 429 || e.code === 20429) return new RateLimitedError(what, e.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS);
  if (e.status >= 500) return new TransientSendError(what, e.code ?? e.status);
  if (isOptedOutCode(e.code)) return new RecipientOptedOutError(what, e.code);
  return new PermanentSendError(what, e.code ?? e.status, e.code !== undefined && RECIPIENT_GONE.has(e.code));
}
