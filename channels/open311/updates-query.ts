import type { PublicUpdatesQuery } from '../../src/channels/port';
import { DEFAULT_DAYS, date, MAX_PAGE_SIZE, requestIds } from './requests-query';
import { Open311Error } from './respond';

/** GET servicerequestupdates: start_date and end_date (FixMyStreet sends both), an optional service_request_id list. */
export function parseUpdatesQuery(query: Record<string, unknown>, now = new Date()): PublicUpdatesQuery {
  const to = date(query, 'end_date');
  const from = date(query, 'start_date') ?? new Date((to ?? now).getTime() - DEFAULT_DAYS * 86_400_000);
  if (to && to < from) throw new Open311Error(400, 'end_date is before start_date');
  return { from, to, caseIds: requestIds(query), limit: MAX_PAGE_SIZE };
}
