import type { Signals } from '../signals';
import type { Sql } from '../storage/database';
import { type DepartmentCount, departmentCounts } from './queue-query';

/**
 * The queue header's open and unassigned counts per department, shared by the requests of one process. Counting
 * walks every open case (the backlog, not the page): 10-18 ms at a million cases with 60,000 open, on every queue
 * page (issue 24). So one count serves every page for MAX_AGE_MS, concurrent pages share one statement, and a case
 * event committed in this process (an agent assigns, closes, a report opens) starts a fresh count at once. Changes
 * made by other processes show within MAX_AGE_MS, as the console's live updates from them do.
 */
export const COUNTS_MAX_AGE_MS = 5000;

export function departmentCountsCache(db: Sql, signals: Signals, maxAgeMs = COUNTS_MAX_AGE_MS): () => Promise<DepartmentCount[]> {
  let current: { at: number; counts: Promise<DepartmentCount[]> } | undefined;
  signals.onCaseEvent(() => {
    current = undefined;
  });
  return () => {
    if (!current || Date.now() - current.at > maxAgeMs) {
      const read = departmentCounts(db);
      const entry = { at: Date.now(), counts: read };
      current = entry;
      // A failed count is not kept: the next page asks again.
      read.catch(() => {
        if (current === entry) current = undefined;
      });
    }
    return current.counts;
  };
}
