import type { DeliveryKind } from '../connectors-contract/connector';
import type { Sql } from '../storage/database';

/**
 * State changes of connector deliveries (migration 013). Each is one short statement or transaction, so what the
 * downstream accepted is on disk before anything else happens:
 *
 *   pending -> queued (relay added the job) -> sending (claimed, attempts+1) -> sent (external id / token stored)
 *                                              sending -> queued (passing failure: the queue retries with backoff)
 *                                              sending -> dead (refused for good, tries exhausted, or interrupted
 *                                                         where a resend is not safe): the dead-letter state
 *   dead -> pending (staff resend)
 */

export type DeliveryStatus = 'pending' | 'queued' | 'sending' | 'sent' | 'dead';

export interface DeliveryRow {
  id: number;
  connector_id: string;
  case_id: number;
  event_id: number;
  kind: DeliveryKind;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  external_id: string | null;
  claimed_at: Date | null;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface LinkRow {
  connector_id: string;
  case_id: number;
  external_id: string | null;
  token: string | null;
  external_status: string | null;
}

function rowOf(r: DeliveryRow): DeliveryRow {
  return { ...r, id: Number(r.id), case_id: Number(r.case_id), event_id: Number(r.event_id) };
}

/** A row the relay puts in its connector's queue. */
export interface QueuedDelivery {
  id: number;
  connectorId: string;
  caseId: number;
}

type QueuedRow = { id: string; connector_id: string; case_id: string };

function queued(rows: QueuedRow[]): QueuedDelivery[] {
  return rows.map((r) => ({ id: Number(r.id), connectorId: r.connector_id, caseId: Number(r.case_id) }));
}

export async function listPendingDeliveries(sql: Sql, limit: number): Promise<QueuedDelivery[]> {
  const { rows } = await sql.query<QueuedRow>(
    "SELECT id, connector_id, case_id FROM connector_deliveries WHERE status = 'pending' AND connector_id IN (SELECT id FROM connectors WHERE active) ORDER BY id LIMIT $1",
    [limit],
  );
  return queued(rows);
}

/** Rows that should have a job; after a restart or a Redis loss they may not. */
export async function listInFlightDeliveries(sql: Sql, olderThanMs: number, limit: number): Promise<QueuedDelivery[]> {
  const { rows } = await sql.query<QueuedRow>(
    `SELECT id, connector_id, case_id FROM connector_deliveries
     WHERE status IN ('queued', 'sending') AND updated_at <= now() - ($1::double precision * interval '1 millisecond') ORDER BY id LIMIT $2`,
    [olderThanMs, limit],
  );
  return queued(rows);
}

export async function markDeliveriesQueued(sql: Sql, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql.query("UPDATE connector_deliveries SET status = 'queued', updated_at = now() WHERE id = ANY($1::bigint[]) AND status = 'pending'", [ids]);
}

export async function getDelivery(sql: Sql, id: number, forUpdate = false): Promise<DeliveryRow | undefined> {
  const { rows } = await sql.query<DeliveryRow>(`SELECT * FROM connector_deliveries WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  return rows[0] && rowOf(rows[0]);
}

/** The first earlier delivery of the same case to the same connector that is not sent yet: this one waits for it. */
export async function earlierUnsent(sql: Sql, d: DeliveryRow): Promise<DeliveryRow | undefined> {
  const { rows } = await sql.query<DeliveryRow>(
    `SELECT * FROM connector_deliveries WHERE connector_id = $1 AND case_id = $2 AND id < $3 AND status <> 'sent'
     ORDER BY id LIMIT 1`,
    [d.connector_id, d.case_id, d.id],
  );
  return rows[0] && rowOf(rows[0]);
}

export async function getLink(sql: Sql, connectorId: string, caseId: number): Promise<LinkRow | undefined> {
  const { rows } = await sql.query<LinkRow>('SELECT * FROM connector_links WHERE connector_id = $1 AND case_id = $2', [connectorId, caseId]);
  return rows[0] && { ...rows[0], case_id: Number(rows[0].case_id) };
}

export async function markSending(sql: Sql, id: number): Promise<void> {
  await sql.query(
    "UPDATE connector_deliveries SET status = 'sending', attempts = attempts + 1, claimed_at = now(), updated_at = now() WHERE id = $1",
    [id],
  );
}

/** Never undoes a `sent`: a worker that lost its job to another (stalled, then timed out) must not overwrite the other's success. */
export async function settleDelivery(sql: Sql, id: number, status: 'dead' | 'queued', reason: string): Promise<void> {
  await sql.query("UPDATE connector_deliveries SET status = $2, last_error = $3, updated_at = now() WHERE id = $1 AND status <> 'sent'", [
    id,
    status,
    reason,
  ]);
}

/** The downstream accepted: the delivery is sent and the case's link records what the downstream calls it (the first name it gave stays). */
export async function recordAccepted(sql: Sql, d: DeliveryRow, externalId: string | undefined, token: string | undefined): Promise<void> {
  await sql.query(
    `WITH d AS (
       UPDATE connector_deliveries SET status = 'sent', external_id = $3, sent_at = now(), last_error = NULL, updated_at = now() WHERE id = $1
     )
     INSERT INTO connector_links (connector_id, case_id, external_id, token) VALUES ($2, $4, $3, $5)
     ON CONFLICT (connector_id, case_id) DO UPDATE SET external_id = COALESCE(connector_links.external_id, EXCLUDED.external_id),
       token = COALESCE(EXCLUDED.token, connector_links.token), updated_at = now()`,
    [d.id, d.connector_id, externalId ?? null, d.case_id, token ?? null],
  );
}

/** A token answered by the downstream is now an id. */
export async function resolveLink(sql: Sql, connectorId: string, caseId: number, externalId: string): Promise<void> {
  await sql.query(
    `WITH l AS (UPDATE connector_links SET external_id = $3, updated_at = now() WHERE connector_id = $1 AND case_id = $2)
     UPDATE connector_deliveries SET external_id = $3 WHERE connector_id = $1 AND case_id = $2 AND kind = 'opened' AND external_id IS NULL`,
    [connectorId, caseId, externalId],
  );
}

export async function listTokenLinks(sql: Sql, connectorId: string, limit: number): Promise<LinkRow[]> {
  const { rows } = await sql.query<LinkRow>(
    'SELECT * FROM connector_links WHERE connector_id = $1 AND external_id IS NULL AND token IS NOT NULL ORDER BY updated_at LIMIT $2',
    [connectorId, limit],
  );
  return rows.map((r) => ({ ...r, case_id: Number(r.case_id) }));
}

/** Cases a status pull asks about: linked, and open on our side (a closed case can still be reopened downstream, for a day). */
export async function listPullLinks(sql: Sql, connectorId: string, limit: number): Promise<LinkRow[]> {
  const { rows } = await sql.query<LinkRow>(
    `SELECT l.* FROM connector_links l JOIN cases c ON c.service_request_id = l.case_id
     WHERE l.connector_id = $1 AND l.external_id IS NOT NULL AND (c.status <> 'closed' OR c.closed_at > now() - interval '1 day')
     ORDER BY l.updated_at LIMIT $2`,
    [connectorId, limit],
  );
  return rows.map((r) => ({ ...r, case_id: Number(r.case_id) }));
}

export async function listDeliveriesForCase(sql: Sql, caseId: number): Promise<DeliveryRow[]> {
  const { rows } = await sql.query<DeliveryRow>('SELECT * FROM connector_deliveries WHERE case_id = $1 ORDER BY id', [caseId]);
  return rows.map(rowOf);
}

export async function listLinksForCase(sql: Sql, caseId: number): Promise<LinkRow[]> {
  const { rows } = await sql.query<LinkRow>('SELECT * FROM connector_links WHERE case_id = $1 ORDER BY connector_id', [caseId]);
  return rows.map((r) => ({ ...r, case_id: Number(r.case_id) }));
}

/** Staff resend: every dead delivery of the case to the connector goes back to pending, oldest first as before. */
export async function resendDead(sql: Sql, caseId: number, connectorId: string): Promise<number[]> {
  const { rows } = await sql.query<{ id: string }>(
    `UPDATE connector_deliveries SET status = 'pending', attempts = 0, last_error = NULL, updated_at = now()
     WHERE case_id = $1 AND connector_id = $2 AND status = 'dead' RETURNING id`,
    [caseId, connectorId],
  );
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}
