/** Accuracy, macro-F1 and per-code scores of predictions against labels; pure, so tests can check it by hand. */

export interface CodeScores {
  precision: number;
  recall: number;
  f1: number;
  /** How many examples carry this label. */
  support: number;
}

export interface Metrics {
  total: number;
  accuracy: number;
  /** Mean F1 over the codes that occur as a label or a prediction. */
  macro_f1: number;
  per_code: Record<string, CodeScores>;
  /** Most frequent (label, predicted) mistakes, largest first. */
  confusions: Array<{ label: string; predicted: string; count: number }>;
}

/** Scores paired labels and predictions (same length, same order). */
export function computeMetrics(labels: string[], predictions: string[], topConfusions = 10): Metrics {
  if (labels.length !== predictions.length) throw new Error(`metrics: ${labels.length} labels but ${predictions.length} predictions`);
  const codes = [...new Set([...labels, ...predictions])].sort();
  const truePositive: Record<string, number> = {};
  const predicted: Record<string, number> = {};
  const support: Record<string, number> = {};
  const confusion = new Map<string, number>();
  let correct = 0;
  labels.forEach((label, i) => {
    const guess = predictions[i];
    support[label] = (support[label] ?? 0) + 1;
    predicted[guess] = (predicted[guess] ?? 0) + 1;
    if (guess === label) {
      correct++;
      truePositive[label] = (truePositive[label] ?? 0) + 1;
    } else {
      const key = `${label}\u0000${guess}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
  });
  const per_code: Record<string, CodeScores> = {};
  for (const code of codes) {
    const tp = truePositive[code] ?? 0;
    const precision = predicted[code] ? tp / predicted[code] : 0;
    const recall = support[code] ? tp / support[code] : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    per_code[code] = { precision, recall, f1, support: support[code] ?? 0 };
  }
  const confusions = [...confusion.entries()]
    .map(([key, count]) => {
      const [label, guess] = key.split('\u0000');
      return { label, predicted: guess, count };
    })
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label) || a.predicted.localeCompare(b.predicted))
    .slice(0, topConfusions);
  return {
    total: labels.length,
    accuracy: labels.length ? correct / labels.length : 0,
    macro_f1: codes.length ? codes.reduce((sum, c) => sum + per_code[c].f1, 0) / codes.length : 0,
    per_code,
    confusions,
  };
}
