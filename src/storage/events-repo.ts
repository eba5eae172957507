import type { CaseEvent, CaseEventType } from '../domain/types';
import type { Sql } from './database';

export async function insertEvent(
  tx: Sql,
  caseId: number,
  type: CaseEventType,
  actor: string,
  data: Record<string, unknown>,
  isPublic: boolean,
): Promise<CaseEvent> {
  const { rows } = await tx.query<CaseEvent>('INSERT INTO case_events (case_id, type, actor, data, public) VALUES ($1, $2, $3, $4, $5) RETURNING *', [
    caseId,
    type,
    actor,
    JSON.stringify(data),
    isPublic,
  ]);
  return rows[0];
}

export async function listEvents(sql: Sql, caseId: number, publicOnly = false): Promise<CaseEvent[]> {
  const { rows } = await sql.query<CaseEvent>(`SELECT * FROM case_events WHERE case_id = $1 ${publicOnly ? 'AND public = true' : ''} ORDER BY id`, [
    caseId,
  ]);
  return rows;
}

/** Public events after `afterId` on public cases, oldest first: what feeds and live streams show. */
export async function listPublicEventsAfter(sql: Sql, afterId: number, limit: number): Promise<CaseEvent[]> {
  const { rows } = await sql.query<CaseEvent>(
    `SELECT e.* FROM case_events e JOIN cases c ON c.service_request_id = e.case_id
     WHERE e.id > $1 AND e.public = true AND c.public = true ORDER BY e.id LIMIT $2`,
    [afterId, limit],
  );
  return rows;
}

/**
 * Public events after `afterId`, plus any committed in the last `windowSeconds` whatever their id: ids are
 * taken at insert, so a transaction that commits after a later one makes its event appear "behind" a cursor.
 * Callers drop the ids they already delivered.
 */
export async function listPublicEventsSince(sql: Sql, afterId: number, windowSeconds: number, limit: number): Promise<CaseEvent[]> {
  const { rows } = await sql.query<CaseEvent>(
    `SELECT e.* FROM case_events e JOIN cases c ON c.service_request_id = e.case_id
     WHERE (e.id > $1 OR e.created_at > now() - make_interval(secs => $2)) AND e.public = true AND c.public = true
     ORDER BY e.id LIMIT $3`,
    [afterId, windowSeconds, limit],
  );
  return rows;
}

/** A public event on a public case, with the status event it follows (for the status the case had after it). */
export interface PublicHistoryRow {
  event: CaseEvent;
  /** The type and `to` of the newest status-setting event at or before this one, e.g. `closed:` or `status_changed:in_progress`. */
  last_status: string | null;
}

/**
 * Public events of the given types on public cases, created in [from, to], oldest first (Open311 servicerequestupdates).
 * The id scan starts after the newest event created over an hour before `from`: that event was written before
 * `from` (no transaction lasts an hour: statement and idle timeouts end it), so every event created since `from`
 * has a larger id. Likewise it stops at the first event created over an hour after `to`. Without the bounds, a
 * window a year back read every event from the first one to the newest (issue 24).
 */
export async function listPublicHistory(
  sql: Sql,
  q: { types: readonly string[]; from: Date; to?: Date; caseIds?: number[]; limit: number },
): Promise<PublicHistoryRow[]> {
  const { rows } = await sql.query<CaseEvent & { last_status: string | null }>(
    `SELECT e.*,
       (SELECT s.type || ':' || COALESCE(s.data->>'to', '') FROM case_events s
        WHERE s.case_id = e.case_id AND s.id <= e.id AND s.type IN ('opened', 'status_changed', 'closed', 'reopened', 'merged')
        ORDER BY s.id DESC LIMIT 1) AS last_status
     FROM case_events e JOIN cases c ON c.service_request_id = e.case_id
     WHERE e.public AND c.public AND e.type = ANY($1::text[]) AND e.created_at >= $2
       AND e.id > COALESCE((SELECT h.id FROM case_events h WHERE h.created_at < $2::timestamptz - interval '1 hour'
                            ORDER BY h.created_at DESC LIMIT 1), 0)
       AND ($3::timestamptz IS NULL OR e.id < COALESCE((SELECT h.id FROM case_events h WHERE h.created_at > $3::timestamptz + interval '1 hour'
                                                        ORDER BY h.created_at LIMIT 1), 9223372036854775807))
       AND ($3::timestamptz IS NULL OR e.created_at <= $3) AND ($4::bigint[] IS NULL OR e.case_id = ANY($4::bigint[]))
     ORDER BY e.id LIMIT $5`,
    [q.types, q.from, q.to ?? null, q.caseIds ?? null, q.limit],
  );
  return rows.map(({ last_status, ...event }) => ({ event, last_status }));
}
