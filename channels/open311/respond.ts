import type { ErrorRequestHandler, Response } from 'express';
import { clientErrorOf, DatabaseUnavailableError } from '../../src/errors';
import { toXml } from './xml';

export type Format = 'json' | 'xml';

/** A GeoReport error: answered as the spec's list of `{code, description}` with this HTTP status. */
export class Open311Error extends Error {
  override name = 'Open311Error';
  constructor(
    readonly status: 400 | 403 | 404,
    message: string,
  ) {
    super(message);
  }
}

/** The format a route was asked for; the suffix is what the spec uses, JSON when there is none. */
export function formatOf(raw: unknown): Format {
  if (raw === undefined || raw === 'json') return 'json';
  if (raw === 'xml') return 'xml';
  throw new Open311Error(404, `format ".${String(raw)}" is not offered; use .json or .xml`);
}

/** Sends a document in the requested format; `root` is its XML element (JSON has no root). */
export function send(res: Response, format: Format, root: string, body: unknown, status = 200): void {
  res.status(status);
  if (format === 'xml') res.type('text/xml; charset=utf-8').send(toXml(root, body));
  else res.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** Answers any error on an Open311 route in the spec's error format; unexpected ones are logged, not described. */
export function open311ErrorHandler(log: { error: (o: object, m: string) => void }): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    let format: Format = 'json';
    try {
      format = formatOf(req.params?.format ?? (/\.xml$/.test(req.path) ? 'xml' : undefined));
    } catch {
      // An unknown suffix is itself the error being reported; answer it in JSON.
    }
    let status = 500;
    let description = 'something went wrong on our side; it has been logged';
    const client = clientErrorOf(err);
    if (err instanceof Open311Error) [status, description] = [err.status, err.message];
    else if (client) [status, description] = [client.status, client.message];
    else if (err instanceof DatabaseUnavailableError) {
      [status, description] = [503, 'the service cannot store requests just now; retry in a minute (with the same Idempotency-Key)'];
      res.set('Retry-After', '60');
      log.error({ err, path: req.path }, 'open311: database unavailable');
    } else log.error({ err, path: req.path }, 'open311: unhandled error');
    send(res, format, 'errors', [{ code: status, description }], status);
  };
}
