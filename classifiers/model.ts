/**
 * The trained model as stored in classifiers/model/model.json and used at run time: a multinomial
 * logistic regression over the sparse features of features.ts. Weights are stored per feature, rounded,
 * so the file stays a few megabytes and diffs in git stay readable.
 */
import * as fs from 'node:fs';

/** The JSON shape of a model file. */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  /** Stable name of this model, derived from its contents; stored on cases. */
  version: string;
  /** Service codes, in the order of every weight vector. */
  codes: string[];
  bias: number[];
  /** Feature name -> one weight per code. */
  weights: Record<string, number[]>;
  /** How the model was trained, for people reading the file. */
  training: Record<string, unknown>;
}

export const MODEL_FORMAT = 'intake311-logreg-1';

/** A model ready to score feature lists. */
export class LinearModel {
  private readonly weights: Map<string, Float64Array>;
  private readonly bias: Float64Array;

  constructor(readonly file: ModelFile) {
    this.bias = Float64Array.from(file.bias);
    this.weights = new Map(Object.entries(file.weights).map(([f, w]) => [f, Float64Array.from(w)]));
  }

  get codes(): string[] {
    return this.file.codes;
  }

  /**
   * Class probabilities (softmax), in `codes` order. Binary features are scaled by 1/sqrt(count) so a
   * long web-form complaint and a five-word SMS produce scores of the same size.
   */
  probabilities(features: string[]): Float64Array {
    const scores = Float64Array.from(this.bias);
    const scale = features.length > 0 ? 1 / Math.sqrt(features.length) : 0;
    for (const feature of features) {
      const w = this.weights.get(feature);
      if (w === undefined) continue;
      for (let c = 0; c < scores.length; c++) scores[c] += w[c] * scale;
    }
    return softmaxInPlace(scores);
  }
}

/** Turns scores into probabilities in place (numerically stable). */
export function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp(scores[c] - max);
    sum += scores[c];
  }
  for (let c = 0; c < scores.length; c++) scores[c] /= sum;
  return scores;
}

/** Reads and checks a model file; the message says which file and what is wrong. */
export function readModelFile(modelPath: string): ModelFile {
  let parsed: ModelFile;
  try {
    parsed = JSON.parse(fs.readFileSync(modelPath, 'utf8')) as ModelFile;
  } catch (err) {
    throw new Error(`classifier: cannot load model ${modelPath}: ${(err as Error).message}; run "intake311 train" to build one`);
  }
  if (parsed?.format !== MODEL_FORMAT || !Array.isArray(parsed.codes) || !Array.isArray(parsed.bias) || typeof parsed.weights !== 'object') {
    throw new Error(`classifier: ${modelPath} is not an ${MODEL_FORMAT} model file; retrain with "intake311 train"`);
  }
  if (parsed.bias.length !== parsed.codes.length)
    throw new Error(`classifier: ${modelPath}: bias has ${parsed.bias.length} entries for ${parsed.codes.length} codes`);
  return parsed;
}
