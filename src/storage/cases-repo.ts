import { MASK_VERSION, maskCaseText } from '../domain/public-text';
import type { CaseQuery, CaseRecord, CaseStatus, Media } from '../domain/types';
import { storeCaseMasks } from './case-masks-repo';
import type { Sql } from './database';

export async function getCase(sql: Sql, id: number, forUpdate = false): Promise<CaseRecord | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const { rows } = await sql.query<CaseRecord>(
    `SELECT *, case_photos(service_request_id, closure_media_url) AS photos FROM cases WHERE service_request_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0];
}

/** Column updates a case change makes; only the given keys are written. */
export interface CaseUpdate {
  status?: CaseStatus;
  service_code?: string;
  department?: string | null;
  status_notes?: string | null;
  closure_media_url?: string | null;
  duplicate_of?: number | null;
  description?: string;
  address?: string | null;
  lat?: number | null;
  lon?: number | null;
  media?: Media[];
  classification?: CaseRecord['classification'];
  details?: Record<string, unknown>;
  public?: boolean;
  assignee_id?: number | null;
  priority?: string;
  public_description?: string | null;
  closed_at?: Date | null;
}

const JSON_COLUMNS = new Set(['media', 'classification', 'details']);
/** The columns the public text is masked from (src/domain/public-text.ts). */
const TEXT_COLUMNS = new Set<keyof CaseUpdate>(['description', 'public_description', 'address']);

export async function updateCase(tx: Sql, id: number, update: CaseUpdate): Promise<CaseRecord> {
  const keys = Object.keys(update) as Array<keyof CaseUpdate>;
  const sets = keys.map((k, i) => `${k} = $${i + 2}`);
  const values = keys.map((k) => (JSON_COLUMNS.has(k) && update[k] != null ? JSON.stringify(update[k]) : update[k]));
  const { rows } = await tx.query<CaseRecord>(
    `UPDATE cases SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE service_request_id = $1 RETURNING *`,
    [id, ...values],
  );
  // The public text changed: its stored mask was cleared by the same statement (trigger); store the new one.
  if (rows[0] && keys.some((k) => TEXT_COLUMNS.has(k))) {
    await storeCaseMasks(tx, rows[0]);
    return { ...rows[0], ...maskCaseText(rows[0]), mask_version: MASK_VERSION };
  }
  return rows[0];
}

export type CaseFilter = CaseQuery;

/** The WHERE clause of a case filter and its parameters (numbered from $1), shared by the staff and public lists. */
export function caseFilterSql(f: CaseFilter): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  // One value is asked as `=`, not `= ANY`: PostgreSQL reads an index in order only for `=`, so a filter on one
  // category can stop at a page instead of sorting every match (issue 24, migration 023).
  const oneOf = (column: string, values: readonly string[]) =>
    values.length === 1 ? add((p) => `${column} = ${p}`, values[0]) : add((p) => `${column} = ANY(${p}::text[])`, values);
  if (f.status?.length) oneOf('status', f.status);
  if (f.service_code?.length) oneOf('service_code', f.service_code);
  if (f.channel?.length) oneOf('channel', f.channel);
  if (f.ids?.length) add((p) => `service_request_id = ANY(${p}::bigint[])`, f.ids);
  if (f.since) add((p) => `updated_at >= ${p}`, f.since);
  if (f.createdFrom) add((p) => `created_at >= ${p}`, f.createdFrom);
  if (f.createdTo) add((p) => `created_at <= ${p}`, f.createdTo);
  if (f.beforeId) add((p) => `service_request_id < ${p}`, f.beforeId);
  if (f.publicOnly) where.push('public = true');
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Cases newest first (by tracking number, which grows with creation time). */
export async function listCases(sql: Sql, f: CaseFilter): Promise<CaseRecord[]> {
  const { where, params } = caseFilterSql(f);
  params.push(f.limit, f.offset ?? 0);
  const { rows } = await sql.query<CaseRecord>(
    `SELECT *, case_photos(service_request_id, closure_media_url) AS photos FROM cases ${where}
     ORDER BY service_request_id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return rows;
}
