/** Runs a classifier over labelled examples and scores it against the catalog's codes. */
import type { Classifier } from '../src/domain/classifier';
import type { Example } from './dataset';
import { computeMetrics, type Metrics } from './metrics';

export interface Evaluation extends Metrics {
  /** Labels in the data that the catalog lacks, with counts; those examples are not scored. */
  unknown_codes: Record<string, number>;
}

/** Scores the top suggestion of `classifier` on every example whose label is a catalog code. */
export function evaluate(classifier: Classifier, examples: Example[], codes: string[]): Evaluation {
  const known = new Set(codes);
  const unknown_codes: Record<string, number> = {};
  const labels: string[] = [];
  const predictions: string[] = [];
  for (const { text, category } of examples) {
    if (!known.has(category)) {
      unknown_codes[category] = (unknown_codes[category] ?? 0) + 1;
      continue;
    }
    labels.push(category);
    predictions.push(classifier.classify(text)[0]?.service_code ?? '');
  }
  return { ...computeMetrics(labels, predictions), unknown_codes };
}
