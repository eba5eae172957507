import type { CaseEvent, CaseRecord } from '../domain/types';
import type { Sql } from '../storage/database';
import { caseFromJson } from '../storage/json-rows';

/** Event types the feeds carry: a case opened, or closed (by staff, or merged into another). */
export const FEED_EVENT_TYPES = ['opened', 'closed', 'merged', 'reopened'] as const;

/** The newest feed events on public cases, newest first, with their cases (for the Atom feed). */
export async function latestFeedEvents(sql: Sql, limit: number): Promise<Array<CaseEvent & { case: CaseRecord }>> {
  const { rows } = await sql.query<CaseEvent & { case: CaseRecord }>(
    `SELECT e.*, to_jsonb(c.*) || jsonb_build_object('photos', case_photos(c.service_request_id, c.closure_media_url)) AS "case" FROM case_events e JOIN cases c ON c.service_request_id = e.case_id
     WHERE e.public = true AND c.public = true AND e.type = ANY($1::text[])
     ORDER BY e.id DESC LIMIT $2`,
    [FEED_EVENT_TYPES, limit],
  );
  return rows.map((r) => ({ ...r, case: caseFromJson(r.case as unknown as Record<string, unknown>) }));
}

/** The id of the newest case event, where a live stream without Last-Event-ID starts. */
export async function lastEventId(sql: Sql): Promise<number> {
  const { rows } = await sql.query<{ id: number | null }>('SELECT max(id) AS id FROM case_events');
  return Number(rows[0]?.id ?? 0);
}

/** Public cases merged into `id` as duplicates. */
export async function publicDuplicatesOf(sql: Sql, id: number): Promise<number[]> {
  const { rows } = await sql.query<{ id: number }>(
    'SELECT service_request_id AS id FROM cases WHERE duplicate_of = $1 AND public = true ORDER BY service_request_id',
    [id],
  );
  return rows.map((r) => Number(r.id));
}

/** How many residents reported this problem: the case itself, reports linked to it, and cases merged into it. */
export async function reporterCount(sql: Sql, id: number): Promise<number> {
  const { rows } = await sql.query<{ n: number }>("SELECT 1 + count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'duplicate_linked'", [
    id,
  ]);
  return Number(rows[0]?.n ?? 1);
}
