import type { ErrorRequestHandler } from 'express';
import { clientErrorOf } from '../errors';
import { jsonErrorHandler } from './api-errors';

/** Paths whose callers read JSON errors; webhooks and pages get plain text. */
const JSON_PATHS = /^\/(api|try\/api)\//;

/**
 * The app's catch-all, for errors no router answered: a malformed request (bad `%` escape in the path,
 * a body the parsers refuse) is a 4xx naming the problem, never a 500. JSON under the APIs, plain text
 * elsewhere (Twilio and X webhooks, public pages). Only our own failures are logged and answered 500.
 */
export function lastErrorHandler(log: { error: (o: object, m: string) => void }): ErrorRequestHandler {
  const json = jsonErrorHandler(log);
  return (err, req, res, next) => {
    if (JSON_PATHS.test(req.path)) {
      json(err, req, res, next);
      return;
    }
    if (res.headersSent) return;
    const client = clientErrorOf(err);
    if (client) {
      res.status(client.status).type('text/plain').send(client.message);
      return;
    }
    log.error({ err, path: req.path }, 'unhandled error');
    res.status(500).type('text/plain').send('something went wrong on our side; it has been logged');
  };
}
