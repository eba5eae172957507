/**
 * Training of the X report model (channels/twitter/report-model.ts): L2-regularised logistic regression over
 * binary features, fitted by full-batch gradient descent with Adam steps. Deterministic: the same examples give
 * the same weights. Used by `npm run train:x-judge` and by its cross-validation.
 */
import type { ReportModel } from '../../channels/twitter/report-model';

export interface Example {
  features: string[];
  opens: boolean;
}

export interface FitOptions {
  /** L2 penalty per weight (the bias is not penalised). */
  lambda: number;
  /** A word feature must appear in at least this many training tweets to get a weight. */
  minCount: number;
  epochs?: number;
}

export function fitModel(examples: readonly Example[], options: FitOptions, threshold = 0.5): ReportModel {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocab = [...counts].filter(([f, n]) => f.startsWith('s:') || f.startsWith('r:') || n >= options.minCount).map(([f]) => f);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const rows = examples.map((e) => ({ x: e.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined), y: e.opens ? 1 : 0 }));
  const w = new Float64Array(vocab.length + 1); // last = bias
  const m = new Float64Array(w.length);
  const v = new Float64Array(w.length);
  const [rate, b1, b2] = [0.05, 0.9, 0.999];
  const epochs = options.epochs ?? 400;
  const bias = vocab.length;
  for (let t = 1; t <= epochs; t++) {
    const grad = new Float64Array(w.length);
    for (const r of rows) {
      let z = w[bias];
      for (const i of r.x) z += w[i];
      const err = 1 / (1 + Math.exp(-z)) - r.y;
      for (const i of r.x) grad[i] += err;
      grad[bias] += err;
    }
    for (let i = 0; i < w.length; i++) {
      const g = grad[i] / rows.length + (i === bias ? 0 : options.lambda * w[i]);
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      w[i] -= (rate * (m[i] / (1 - b1 ** t))) / (Math.sqrt(v[i] / (1 - b2 ** t)) + 1e-8);
    }
  }
  const weights: Record<string, number> = {};
  vocab.forEach((f, i) => {
    if (Math.abs(w[i]) >= 0.005) weights[f] = Math.round(w[i] * 1000) / 1000;
  });
  return { bias: Math.round(w[bias] * 1000) / 1000, threshold, weights };
}
