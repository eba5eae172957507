import type { RequestHandler, Response } from 'express';
import { authFailures, type RateLimits, type Refusal, retryAfterSeconds } from '../rate-limits';
import type { Database } from '../storage/database';
import { type ApiToken, findToken, type TokenScope } from '../storage/tokens-repo';
import { sendError } from './api-errors';

declare module 'express-serve-static-core' {
  interface Request {
    /** The API token the request authenticated with. */
    token?: ApiToken;
  }
}

function staffRefusal(res: Response, v: Refusal): void {
  res.set('Retry-After', retryAfterSeconds(v));
  sendError(res, 429, 'too_many_requests', `too many failed authentications from this address; wait ${retryAfterSeconds(v)} s`);
}

/** Bearer-token check: 401 for a missing, unknown or revoked token; 403 for a token of another scope; 429 after too many failures. */
export function requireToken(ctx: { db: Database; limits: RateLimits }, scope: TokenScope): RequestHandler {
  const failures = authFailures(ctx.limits, staffRefusal);
  return async (req, res, next) => {
    if (!(await failures.guard(req, res))) return;
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      res.set('WWW-Authenticate', 'Bearer');
      return sendError(res, 401, 'unauthorized', 'missing bearer token: send "Authorization: Bearer <token>"');
    }
    const token = await findToken(ctx.db, match[1]);
    if (!token) {
      if (await failures.failed(req, res)) return;
      return sendError(res, 401, 'unauthorized', 'unknown or revoked token');
    }
    if (token.scope !== scope) return sendError(res, 403, 'forbidden', `this token has scope "${token.scope}"; this route needs "${scope}"`);
    req.token = token;
    next();
  };
}
