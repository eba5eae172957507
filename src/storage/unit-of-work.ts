import type { Database, Sql } from './database';

/** A transaction plus work to do once it has committed (wake the outbox relay, count metrics). */
export interface UnitOfWork {
  tx: Sql;
  afterCommit(fn: () => void): void;
}

/** Runs `fn` in one transaction; its after-commit hooks run only if it committed. */
export async function inTransaction<T>(db: Database, fn: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  const hooks: Array<() => void> = [];
  const result = await db.transaction((tx) => fn({ tx, afterCommit: (h) => hooks.push(h) }));
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // A failed hook (a metric, a wake-up) must not turn a committed change into an error for the caller.
    }
  }
  return result;
}
