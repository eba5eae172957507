import type { RequestHandler } from 'express';
import type { Database } from '../storage/database';
import { findToken, type ApiToken, type TokenScope } from '../storage/tokens-repo';
import { sendError } from './api-errors';

declare module 'express-serve-static-core' {
  interface Request {
    /** The API token the request authenticated with. */
    token?: ApiToken;
  }
}

/** Bearer-token check: 401 for a missing, unknown or revoked token; 403 for a token of another scope. */
export function requireToken(db: Database, scope: TokenScope): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      res.set('WWW-Authenticate', 'Bearer');
      return sendError(res, 401, 'unauthorized', 'missing bearer token: send "Authorization: Bearer <token>"');
    }
    const token = await findToken(db, match[1]);
    if (!token) return sendError(res, 401, 'unauthorized', 'unknown or revoked token');
    if (token.scope !== scope) return sendError(res, 403, 'forbidden', `this token has scope "${token.scope}"; this route needs "${scope}"`);
    req.token = token;
    next();
  };
}
