/**
 * Trains the logistic-regression model. Built for generalising to other cities, not for fitting
 * Boston: big Boston classes are capped, classes are re-weighted towards balance, Boston's catch-all
 * "other" is cleaned (weak-labels.ts) and the hand-written seed corpus, the only Spanish data, is
 * up-weighted. Every random choice is seeded so retraining gives the same file.
 */
import { createHash } from 'node:crypto';
import type { Language } from '../src/domain/classifier';
import type { Example } from './dataset';
import { extractFeatures } from './features';
import { detectLanguage } from './language';
import { MODEL_FORMAT, type ModelFile, softmaxInPlace } from './model';
import { seededRandom, shuffled } from './random';
import { weakLabel } from './weak-labels';

/** A labelled report for training; seed-corpus rows carry their language and are never capped. */
export interface TrainingExample extends Example {
  language?: Language;
  seed?: boolean;
}

/** Training knobs; the defaults are the ones the shipped model was trained with. */
export interface TrainOptions {
  /** Codes the model may predict (the catalog's). Examples with other categories are skipped and counted. */
  codes: string[];
  /** PRNG seed for sampling and shuffling. Default 311. */
  randomSeed?: number;
  /** Passes over the data. Default 6. */
  epochs?: number;
  /** Most data-file examples kept per code (seeded sample). Default 3000. */
  capPerCode?: number;
  /** Most relabelled "other" examples kept per code. Default 1500. */
  weakCapPerCode?: number;
  /** Weight of a relabelled "other" example. Default 0.5. */
  weakWeight?: number;
  /** Weight of a seed-corpus example. Default 4. */
  seedWeight?: number;
  /** Class weight is (mean class size / class size)^power: 0 is none, 1 is fully balanced. Default 1. */
  balancePower?: number;
  /** A feature must occur in this many data-file examples (seed features always count). Default 2. */
  minFeatureCount?: number;
  /**
   * Extra class-weight factor per code, on top of balancing. Default `{ other: 0.5 }`: Boston's catch-all
   * is huge and varied, so at full weight it absorbs every unfamiliar wording of a specific problem.
   */
  codeWeights?: Record<string, number>;
  /** Adagrad learning rate. Default 0.1. */
  learningRate?: number;
  /** L2 penalty per update. Default 1e-5. */
  l2?: number;
}

/** What happened to the input, for the person running training. */
export interface TrainingReport {
  used: number;
  perCode: Record<string, number>;
  relabelled: number;
  droppedAmbiguous: number;
  skippedUnknown: Record<string, number>;
  skippedEmpty: number;
  features: number;
}

interface Prepared {
  features: string[];
  code: number;
  weight: number;
  seed: boolean;
}

/** Trains a model from examples; throws if no usable example remains. */
export function trainModel(examples: TrainingExample[], options: TrainOptions): { model: ModelFile; report: TrainingReport } {
  const o = {
    randomSeed: 311,
    epochs: 6,
    capPerCode: 3000,
    weakCapPerCode: 1500,
    weakWeight: 0.5,
    seedWeight: 4,
    balancePower: 1,
    minFeatureCount: 2,
    codeWeights: { other: 0.5 },
    learningRate: 0.1,
    l2: 1e-5,
    ...options,
  };
  const random = seededRandom(o.randomSeed);
  const codeIndex = new Map(o.codes.map((c, i) => [c, i]));
  const report: TrainingReport = {
    used: 0,
    perCode: {},
    relabelled: 0,
    droppedAmbiguous: 0,
    skippedUnknown: {},
    skippedEmpty: 0,
    features: 0,
  };

  // Group data-file examples by (code, weak?) so each group can be capped by a seeded sample.
  const pools = new Map<string, Array<{ example: TrainingExample; code: string; weak: boolean }>>();
  const seeds: Array<{ example: TrainingExample; code: string }> = [];
  const codeSet = new Set(o.codes);
  for (const example of examples) {
    if (example.text.trim() === '') {
      report.skippedEmpty++;
      continue;
    }
    if (!codeSet.has(example.category)) {
      report.skippedUnknown[example.category] = (report.skippedUnknown[example.category] ?? 0) + 1;
      continue;
    }
    if (example.seed) {
      seeds.push({ example, code: example.category });
      continue;
    }
    let code = example.category;
    let weak = false;
    if (code === 'other') {
      const label = weakLabel(example.text, codeSet);
      if (label === 'ambiguous') {
        report.droppedAmbiguous++;
        continue;
      }
      if (label !== null) {
        code = label;
        weak = true;
        report.relabelled++;
      }
    }
    const key = `${code}|${weak}`;
    if (!pools.has(key)) pools.set(key, []);
    pools.get(key)!.push({ example, code, weak });
  }

  const prepared: Prepared[] = [];
  for (const key of [...pools.keys()].sort()) {
    const pool = pools.get(key)!;
    const cap = pool[0].weak ? o.weakCapPerCode : o.capPerCode;
    for (const { example, code, weak } of shuffled(pool, random).slice(0, cap)) {
      prepared.push(prepare(example, code, weak ? o.weakWeight : 1, false));
    }
  }
  for (const { example, code } of seeds) prepared.push(prepare(example, code, o.seedWeight, true));
  if (prepared.length === 0) throw new Error('classifier: no training examples with text and a catalog category');

  function prepare(example: TrainingExample, code: string, weight: number, seed: boolean): Prepared {
    const language = example.language ?? detectLanguage(example.text);
    return { features: extractFeatures(example.text, language), code: codeIndex.get(code)!, weight, seed };
  }

  // Vocabulary: rare data-file features are mostly typos and names; seed features are all deliberate.
  const counts = new Map<string, number>();
  for (const p of prepared) for (const f of p.features) counts.set(f, (counts.get(f) ?? 0) + (p.seed ? o.minFeatureCount : 1));
  const vocabulary = [...counts.keys()].filter((f) => counts.get(f)! >= o.minFeatureCount).sort();
  const featureIndex = new Map(vocabulary.map((f, i) => [f, i]));

  // Class weights towards balance, from the (weighted) amount of data per code.
  const K = o.codes.length;
  const mass = new Float64Array(K);
  for (const p of prepared) mass[p.code] += p.weight;
  const present = [...mass].filter((m) => m > 0);
  const meanMass = present.reduce((a, b) => a + b, 0) / present.length;
  const classWeight = [...mass].map((m, c) => (m > 0 ? (meanMass / m) ** o.balancePower * (o.codeWeights[o.codes[c]] ?? 1) : 0));

  const rows = prepared.map((p) => ({
    indices: Int32Array.from(p.features.filter((f) => featureIndex.has(f)).map((f) => featureIndex.get(f)!)),
    code: p.code,
    weight: p.weight * classWeight[p.code],
  }));
  for (const p of prepared) report.perCode[o.codes[p.code]] = (report.perCode[o.codes[p.code]] ?? 0) + 1;
  report.used = prepared.length;

  const { weights, bias } = adagrad(rows, vocabulary.length, K, o, random);
  const model = packModel(o.codes, vocabulary, weights, bias, { ...report, options: { ...o, codes: undefined } });
  report.features = Object.keys(model.weights).length;
  return { model, report };
}

interface Row {
  indices: Int32Array;
  code: number;
  weight: number;
}

/** Multinomial logistic regression by Adagrad SGD on L2-normalised binary features. */
function adagrad(
  rows: Row[],
  V: number,
  K: number,
  o: { epochs: number; learningRate: number; l2: number },
  random: () => number,
): { weights: Float64Array; bias: Float64Array } {
  const weights = new Float64Array(V * K);
  const squared = new Float64Array(V * K);
  const bias = new Float64Array(K);
  const biasSquared = new Float64Array(K);
  const scores = new Float64Array(K);
  const eps = 1e-8;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const row of shuffled(rows, random)) {
      const x = row.indices.length > 0 ? 1 / Math.sqrt(row.indices.length) : 0;
      scores.set(bias);
      for (const f of row.indices) for (let c = 0; c < K; c++) scores[c] += weights[f * K + c] * x;
      softmaxInPlace(scores);
      for (let c = 0; c < K; c++) {
        const g = (scores[c] - (c === row.code ? 1 : 0)) * row.weight;
        biasSquared[c] += g * g;
        bias[c] -= (o.learningRate * g) / (Math.sqrt(biasSquared[c]) + eps);
        for (const f of row.indices) {
          const at = f * K + c;
          const gw = g * x + o.l2 * weights[at];
          squared[at] += gw * gw;
          weights[at] -= (o.learningRate * gw) / (Math.sqrt(squared[at]) + eps);
        }
      }
    }
  }
  return { weights, bias };
}

/** Rounds weights to 3 decimals and drops features that no longer move any score. */
function packModel(codes: string[], vocabulary: string[], weights: Float64Array, bias: Float64Array, training: Record<string, unknown>): ModelFile {
  const K = codes.length;
  const round = (v: number): number => Math.round(v * 1000) / 1000;
  const packed: Record<string, number[]> = {};
  vocabulary.forEach((feature, f) => {
    const w = Array.from(weights.subarray(f * K, f * K + K), round);
    if (w.some((v) => Math.abs(v) >= 0.02)) packed[feature] = w;
  });
  const packedBias = Array.from(bias, round);
  const digest = createHash('sha256')
    .update(JSON.stringify([codes, packedBias, packed]))
    .digest('hex')
    .slice(0, 12);
  return { format: MODEL_FORMAT, version: `logreg-${digest}`, codes, bias: packedBias, weights: packed, training };
}
