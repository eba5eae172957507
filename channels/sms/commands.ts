import type { InboundOutcome } from '../../src/channels/port';
import type { SmsMessages } from './messages';

/** Staff notes can be long; a status text keeps to about two segments. */
const MAX_NOTES = 100;

function clip(text: string | null): string | null {
  if (!text) return null;
  return text.length > MAX_NOTES ? `${text.slice(0, MAX_NOTES - 1)}…` : text;
}

/**
 * The answer to `STATUS 12345` (or a bare "status?", about the phone's newest case): the case's status and staff note. The core answers only for a phone that reported
 * or follows the case; anyone else gets the same answer as for a number that does not exist, so case numbers
 * cannot be probed.
 */
export function statusText(m: SmsMessages, outcome: InboundOutcome, asked: number | undefined, name: (code: string) => string): string {
  if (outcome.kind !== 'status') return asked === undefined ? m.statusNone : m.statusUnknown(asked);
  const c = outcome.case;
  return m.status(c.service_request_id, name(c.service_code), c.status, clip(c.status_notes));
}

/**
 * The answer to `FOLLOW 12345` / `SEGUIR 12345`: this phone now hears when the case changes and closes. A case
 * merged into another is followed through the one that stays open; a private case only by its own people.
 */
export function followText(m: SmsMessages, outcome: InboundOutcome, asked: number, name: (code: string) => string): string {
  if (outcome.kind !== 'followed') return m.followUnknown(asked);
  return m.followed(outcome.case.service_request_id, name(outcome.case.service_code));
}
