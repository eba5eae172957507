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
  const { rows } = await tx.query<CaseEvent>(
    'INSERT INTO case_events (case_id, type, actor, data, public) VALUES ($1, $2, $3, $4, $5) RETURNING *',
    [caseId, type, actor, JSON.stringify(data), isPublic],
  );
  return rows[0];
}

export async function listEvents(sql: Sql, caseId: number, publicOnly = false): Promise<CaseEvent[]> {
  const { rows } = await sql.query<CaseEvent>(
    `SELECT * FROM case_events WHERE case_id = $1 ${publicOnly ? 'AND public = true' : ''} ORDER BY id`,
    [caseId],
  );
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
