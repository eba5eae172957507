/**
 * bench:scale --explain: the database, wrapped so that each statement slower than a threshold is run once more
 * under EXPLAIN (ANALYZE, BUFFERS) with the same parameters and its plan printed. It finds the plans that scan
 * in the service's own queries, as the routes send them, without copying any SQL here.
 */
import type { Database } from '../../src/storage/database';

export function explaining(db: Database, thresholdMs: number, print: (text: string) => void): Database {
  const seen = new Set<string>();
  return {
    ...db,
    query: async <T = Record<string, unknown>>(text: string, params?: unknown[]) => {
      const t0 = process.hrtime.bigint();
      const result = await db.query<T>(text, params);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const key = text.replace(/\s+/g, ' ').trim();
      if (ms >= thresholdMs && !seen.has(key) && /^\s*(SELECT|WITH)/i.test(text)) {
        seen.add(key);
        const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
        print(
          `-- ${ms.toFixed(1)} ms: ${key.slice(0, 300)}\n-- params: ${JSON.stringify(params ?? []).slice(0, 200)}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`,
        );
      }
      return result;
    },
  };
}
