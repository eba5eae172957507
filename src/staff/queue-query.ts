import { z } from 'zod';
import type { Catalog } from '../catalog/catalog';
import type { CaseRecord } from '../domain/types';
import type { Sql } from '../storage/database';

const text = (max: number) => z.string().trim().max(max);
const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' || v === undefined ? undefined : v), s.optional());
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD');

/** The queue's filters, as the filter form sends them (every field optional; empty means "any"). */
export const QueueFilter = z.object({
  q: optional(text(200)),
  status: optional(z.enum(['open', 'in_progress', 'closed', 'active'])),
  service_code: optional(text(100)),
  channel: optional(text(40)),
  department: optional(text(100)),
  neighborhood: optional(text(100)),
  assignee: optional(z.union([z.literal('none'), z.literal('me'), z.string().regex(/^\d{1,12}$/, 'must be a user id')])),
  from: optional(date),
  to: optional(date),
  overdue: optional(z.literal('1')),
  page: optional(z.coerce.number().int().min(1).max(1000)),
});
export type QueueFilter = z.infer<typeof QueueFilter>;

/** A queue row: the case, its assignee's name and its due time from the category's service level. */
export type QueueRow = CaseRecord & { assignee_name: string | null; due_at: Date | null; overdue: boolean };

export const PAGE_SIZE = 50;

/** Service levels as two parallel arrays, the shape SQL's unnest() joins on. */
function serviceLevels(catalog: Catalog): { codes: string[]; days: number[] } {
  const levels = catalog.services.filter((s) => s.service_level_days);
  return { codes: levels.map((s) => s.service_code), days: levels.map((s) => s.service_level_days!) };
}

/**
 * The queue's order: open work first (unassigned before assigned, urgent before low), then newest. Written exactly
 * as the expression index cases_queue_order (migration 020) is, so a page reads the index's first rows instead
 * of sorting every case.
 */
const QUEUE_ORDER = `(c.status = 'closed'), (c.assignee_id IS NOT NULL),
  (CASE c.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END), c.service_request_id DESC`;
/**
 * A note's words, and NULL for any other event: the expression of the index case_events_note_search and of its
 * statistics (migration 022), so that the planner's estimate of a word among notes is the word's own frequency.
 */
const NOTE_WORDS = `to_tsvector('simple', CASE WHEN n.type = 'note' THEN n.data->>'text' END)`;
/** The case's service level in days, looked up in the parameters $1 (codes) and $2 (days). */
const LEVEL_DAYS = '($2::int[])[array_position($1::text[], c.service_code)]';

/**
 * The triage queue, in QUEUE_ORDER. The text search is PostgreSQL full text ('simple' dictionary: English and
 * Spanish words alike) over the description and the staff's notes, so it runs the same on PGlite. Each of the
 * two is searched on its own and cut to the page (each reads its own GIN index for a rare word, or walks the
 * queue's order for a common one), then the two are merged: an OR of the two made PostgreSQL test every case.
 */
export async function queryQueue(sql: Sql, catalog: Catalog, f: QueueFilter, me: number, limit = PAGE_SIZE): Promise<QueueRow[]> {
  const sl = serviceLevels(catalog);
  const params: unknown[] = [sl.codes, sl.days];
  const where: string[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (f.status === 'active') where.push(`c.status <> 'closed'`);
  else if (f.status) add((p) => `c.status = ${p}`, f.status);
  if (f.service_code) add((p) => `c.service_code = ${p}`, f.service_code);
  if (f.channel) add((p) => `c.channel = ${p}`, f.channel);
  if (f.department) add((p) => `c.department = ${p}`, f.department);
  if (f.neighborhood) add((p) => `c.neighborhood = ${p}`, f.neighborhood);
  if (f.assignee === 'none') where.push('c.assignee_id IS NULL');
  else if (f.assignee) add((p) => `c.assignee_id = ${p}`, f.assignee === 'me' ? me : Number(f.assignee));
  if (f.from) add((p) => `c.created_at >= ${p}::date`, f.from);
  if (f.to) add((p) => `c.created_at < ${p}::date + 1`, f.to);
  if (f.overdue) where.push(`c.status <> 'closed' AND add_business_days(c.created_at, ${LEVEL_DAYS}) < now()`);
  const offset = ((f.page ?? 1) - 1) * limit;
  if (f.q) {
    params.push(f.q, limit + offset);
    const [q, cut] = [`$${params.length - 1}`, `$${params.length}`];
    const filtered = where.length ? `${where.join(' AND ')} AND` : '';
    where.push(`c.service_request_id IN (
      (SELECT c.service_request_id FROM cases c WHERE ${filtered} to_tsvector('simple', c.description) @@ websearch_to_tsquery('simple', ${q})
       ORDER BY ${QUEUE_ORDER} LIMIT ${cut})
      UNION
      (SELECT c.service_request_id FROM cases c WHERE ${filtered} EXISTS (SELECT 1 FROM case_events n WHERE n.case_id = c.service_request_id
         AND ${NOTE_WORDS} @@ websearch_to_tsquery('simple', ${q}))
       ORDER BY ${QUEUE_ORDER} LIMIT ${cut}))`);
  }
  params.push(limit, offset);
  const { rows } = await sql.query<QueueRow>(
    `SELECT c.*, (SELECT u.name FROM staff_users u WHERE u.id = c.assignee_id) AS assignee_name,
       add_business_days(c.created_at, ${LEVEL_DAYS}) AS due_at,
       (c.status <> 'closed' AND COALESCE(add_business_days(c.created_at, ${LEVEL_DAYS}) < now(), false)) AS overdue
     FROM cases c
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${QUEUE_ORDER}
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return rows;
}

/** One department's line in the queue's header. */
export interface DepartmentCount {
  department: string | null;
  open: number;
  unassigned: number;
}

/** Open and unassigned counts per department: the queue's header (read through departmentCountsCache). */
export async function departmentCounts(sql: Sql): Promise<DepartmentCount[]> {
  const { rows } = await sql.query<DepartmentCount>(
    `SELECT department, count(*)::int AS open, count(*) FILTER (WHERE assignee_id IS NULL)::int AS unassigned
     FROM cases WHERE status <> 'closed' GROUP BY department ORDER BY department NULLS LAST`,
  );
  return rows;
}

/** The due time of one case from its category's service level (null without one). */
export async function dueAt(sql: Sql, catalog: Catalog, c: CaseRecord): Promise<Date | null> {
  const days = catalog.get(c.service_code)?.service_level_days;
  if (!days) return null;
  const { rows } = await sql.query<{ due: Date }>('SELECT add_business_days($1::timestamptz, $2) AS due', [c.created_at, days]);
  return rows[0].due;
}
