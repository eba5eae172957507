import { hasUnsafeCharacters } from '../../src/domain/clean-text';
import type { CaseQuery as CaseFilter, CaseStatus } from '../../src/domain/types';
import { Open311Error } from './respond';

/** The spec's default window and cap: "a span of 90 days or first 1000 requests, whichever is smallest". */
export const DEFAULT_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;

// W3C date-time (a profile of ISO 8601): a date, or a date and time with a zone.
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

function single(query: Record<string, unknown>, name: string): string | undefined {
  const v = query[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new Open311Error(400, `${name} must be given once`);
  if (hasUnsafeCharacters(v)) throw new Open311Error(400, `${name} must not contain control characters`);
  return v;
}

/** A list parameter, comma-separated and/or repeated (`status=open&status=closed`, as several clients send). */
export function list(query: Record<string, unknown>, name: string): string[] | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  const given = Array.isArray(raw) ? raw : [raw];
  if (given.length > 100 || given.some((v) => typeof v !== 'string')) throw new Open311Error(400, `${name} must be a comma-separated list`);
  const items = (given as string[]).flatMap((v) => {
    if (hasUnsafeCharacters(v)) throw new Open311Error(400, `${name} must not contain control characters`);
    return v.split(',').map((s) => s.trim());
  });
  const values = items.filter(Boolean);
  return values.length ? values : undefined;
}

/** A W3C date-time parameter; undefined when absent. */
export function date(query: Record<string, unknown>, name: string): Date | undefined {
  const v = single(query, name);
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (!W3C_DATETIME.test(v) || Number.isNaN(d.getTime())) {
    throw new Open311Error(400, `${name} "${v}" is not a w3c date-time; use e.g. 2026-01-31T00:00:00Z`);
  }
  return d;
}

function positiveInt(query: Record<string, unknown>, name: string, max: number): number | undefined {
  const v = single(query, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v) || Number(v) < 1 || Number(v) > max) throw new Open311Error(400, `${name} must be a whole number from 1 to ${max}`);
  return Number(v);
}

/** The request ids in `service_request_id`, a list of decimal numbers. */
export function requestIds(query: Record<string, unknown>): number[] | undefined {
  const ids = list(query, 'service_request_id');
  const bad = ids?.find((id) => !/^\d{1,15}$/.test(id));
  if (bad !== undefined) throw new Open311Error(400, `service_request_id "${bad}" is not a request id (a decimal number)`);
  return ids?.map(Number);
}

/** Turns GET requests' query into a case filter over public cases. Errors name the parameter. */
export function parseRequestsQuery(query: Record<string, unknown>, now = new Date()): CaseFilter {
  const pageSize = positiveInt(query, 'page_size', MAX_PAGE_SIZE) ?? MAX_PAGE_SIZE;
  const page = positiveInt(query, 'page', 1_000_000) ?? 1;
  const paging = { limit: pageSize, offset: (page - 1) * pageSize, publicOnly: true };
  const ids = requestIds(query);
  // The spec: a list of ids overrides every other filter.
  if (ids) return { ...paging, ids };
  const statuses = list(query, 'status');
  const status: CaseStatus[] | undefined = statuses?.flatMap((s): CaseStatus[] => {
    if (s === 'open') return ['open', 'in_progress'];
    if (s === 'closed') return ['closed'];
    throw new Open311Error(400, `status "${s}" is not open or closed`);
  });
  const end = date(query, 'end_date');
  let start = date(query, 'start_date');
  if (!start) start = new Date((end ?? now).getTime() - DEFAULT_DAYS * 86_400_000);
  if (end && end < start) throw new Open311Error(400, 'end_date is before start_date');
  return { ...paging, status, service_code: list(query, 'service_code'), createdFrom: start, createdTo: end };
}
