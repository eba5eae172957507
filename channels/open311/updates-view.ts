import type { PublicCaseUpdate } from '../../src/channels/port';
import { w3cDate } from './dates';

/** FixMyStreet's status words for an update; ours (open, in_progress, closed) go in external_status_code. */
function updateStatus(u: PublicCaseUpdate): string {
  if (u.kind === 'merged') return 'duplicate';
  return u.status;
}

/**
 * One entry of `servicerequestupdates`, as FixMyStreet's Open311 extension defines it: ids as strings, empty text
 * rather than null for description and media_url (its client reads them so).
 */
export function toRequestUpdate(u: PublicCaseUpdate) {
  return {
    update_id: String(u.id),
    service_request_id: String(u.caseId),
    status: updateStatus(u),
    updated_datetime: w3cDate(u.at),
    description: u.description,
    media_url: u.mediaUrl ?? '',
    external_status_code: u.status,
  };
}
