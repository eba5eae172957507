import type { CaseEvent, CaseRecord } from '../domain/types';

/** Rows that SQL functions return as JSON carry timestamps as text; the rest of the code expects Dates. */
function withDates<T>(row: Record<string, unknown>, keys: string[]): T {
  const out: Record<string, unknown> = { ...row };
  for (const k of keys) if (typeof out[k] === 'string') out[k] = new Date(out[k] as string);
  return out as T;
}

export function caseFromJson(row: Record<string, unknown>): CaseRecord {
  return withDates<CaseRecord>(row, ['created_at', 'updated_at', 'closed_at']);
}

export function eventFromJson(row: Record<string, unknown>): CaseEvent {
  return withDates<CaseEvent>(row, ['created_at']);
}
