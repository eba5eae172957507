import trained from './report-model.json';

/** A logistic regression over `reportFeatures`: weights learned from hand-labelled real tweets. */
export interface ReportModel {
  bias: number;
  /** A tweet scoring at least this opens a case (chosen by cross-validation on the tuning set). */
  threshold: number;
  weights: Record<string, number>;
}

/** The model shipped with the channel (report-model.json, written by `npm run train:x-judge`). */
export const REPORT_MODEL: ReportModel = trained;

/** The probability the model gives that a tweet with these features opens a case. */
export function reportProbability(features: readonly string[], model: ReportModel = REPORT_MODEL): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}
