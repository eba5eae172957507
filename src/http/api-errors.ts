import type { ErrorRequestHandler, Response } from 'express';
import { z } from 'zod';
import { clientErrorOf, DatabaseUnavailableError, InputError } from '../errors';

/** The staff API's error body: `{"error": {"code", "message"}}`. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** Turns a zod failure into a message naming the field and what was wrong. */
export function describeZodError(err: z.ZodError, where = 'request'): InputError {
  const issue = err.issues[0];
  const field = issue.path.join('.') || where;
  if (issue.code === 'unrecognized_keys') {
    return new InputError(`unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`, issue.keys[0]);
  }
  return new InputError(`${field}: ${issue.message}`, field);
}

/** Maps thrown errors to JSON answers; anything unexpected is logged and answered 500 without details. */
export function jsonErrorHandler(log: { error: (o: object, m: string) => void }): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    const client = clientErrorOf(err instanceof z.ZodError ? describeZodError(err) : err);
    if (client) return sendError(res, client.status, client.code, client.message);
    if (err instanceof DatabaseUnavailableError) {
      log.error({ err, path: req.path }, 'database unavailable');
      res.set('Retry-After', '60');
      return sendError(res, 503, 'unavailable', 'the database is not answering just now; nothing was changed; retry in a minute');
    }
    log.error({ err, path: req.path }, 'unhandled error');
    sendError(res, 500, 'internal', 'something went wrong on our side; it has been logged');
  };
}
