/**
 * Counting yes/no answers against a truth, for the X judge's evaluation (channels-eval.ts) and its trainer
 * (x-judge-train.ts), which each counted true and false positives their own way.
 */

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Counts each answer (`said`) against its truth. */
export function tally(pairs: Iterable<{ said: boolean; truth: boolean }>): Tally {
  const t: Tally = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const p of pairs) t[p.said ? (p.truth ? 'tp' : 'fp') : p.truth ? 'fn' : 'tn']++;
  return t;
}

/** Precision and recall of a tally; 0 where nothing was said yes (or nothing is yes). */
export function precisionRecall(t: Tally): { precision: number; recall: number } {
  return { precision: t.tp / (t.tp + t.fp || 1), recall: t.tp / (t.tp + t.fn || 1) };
}
