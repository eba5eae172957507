import type { RequestHandler } from 'express';
import { cleanText } from '../../src/domain/clean-text';

/**
 * After the signature check: each voice webhook field as one string, with the characters XML and
 * PostgreSQL refuse removed (a caller's speech ends up in TwiML we answer and in rows we store).
 * A field given twice is not something Twilio sends: a plain-text 400 names it.
 */
export function readCallParams(): RequestHandler {
  return (req, res, next) => {
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries((req.body ?? {}) as Record<string, unknown>)) {
      if (typeof value !== 'string') {
        res
          .status(400)
          .type('text/plain')
          .send(`voice: field ${cleanText(name)} must be given once, as text`);
        return;
      }
      params[cleanText(name)] = cleanText(value);
    }
    req.body = params;
    next();
  };
}

/** A recording length Twilio reports in whole seconds; anything else (NaN, negative, absurdly long) is unknown. */
export function recordingSeconds(raw: string | undefined): number | undefined {
  return raw !== undefined && /^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}
