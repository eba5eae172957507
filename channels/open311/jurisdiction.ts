import type { Request } from 'express';
import type { Open311Config } from '../../src/channels/channel';
import { Open311Error } from './respond';

/**
 * The spec's `jurisdiction_id`: optional for a server with one jurisdiction, so an absent one is accepted. One that
 * names another jurisdiction is refused (404), so an app pointed at the wrong city's server finds out at once.
 */
export function checkJurisdiction(config: Pick<Open311Config, 'jurisdictionId'>, req: Request): void {
  const given = (req.body as Record<string, unknown> | undefined)?.jurisdiction_id ?? req.query.jurisdiction_id;
  if (given === undefined || given === '' || !config.jurisdictionId) return;
  if (typeof given !== 'string' || given.trim().toLowerCase() !== config.jurisdictionId.toLowerCase()) {
    throw new Open311Error(
      404,
      `jurisdiction_id "${String(given).slice(0, 100)}" is not served here; this server answers for "${config.jurisdictionId}"`,
    );
  }
}
