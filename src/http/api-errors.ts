import type { ErrorRequestHandler, Response } from 'express';
import { z } from 'zod';
import { ConflictError, DatabaseUnavailableError, InputError, NotFoundError } from '../errors';

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
    if (err instanceof z.ZodError) err = describeZodError(err);
    if (err instanceof InputError) return sendError(res, 400, err.code, err.message);
    if (err instanceof NotFoundError) return sendError(res, 404, err.code, err.message);
    if (err instanceof ConflictError) return sendError(res, 409, err.code, err.message);
    const status = (err as { status?: number }).status;
    if (status === 413) return sendError(res, 413, 'too_large', 'request body is too large');
    if (status === 400 && (err as { type?: string }).type === 'entity.parse.failed') {
      return sendError(res, 400, 'invalid_json', 'request body is not valid JSON');
    }
    if (status && status >= 400 && status < 500) return sendError(res, status, 'bad_request', (err as Error).message);
    if (err instanceof DatabaseUnavailableError) {
      log.error({ err, path: req.path }, 'database unavailable');
      res.set('Retry-After', '60');
      return sendError(res, 503, 'unavailable', 'the database is not answering just now; nothing was changed; retry in a minute');
    }
    log.error({ err, path: req.path }, 'unhandled error');
    sendError(res, 500, 'internal', 'something went wrong on our side; it has been logged');
  };
}
