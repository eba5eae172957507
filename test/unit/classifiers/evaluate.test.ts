import * as path from 'node:path';
import { readExamples } from '../../../classifiers/dataset';
import { evaluate } from '../../../classifiers/evaluate';
import { computeMetrics } from '../../../classifiers/metrics';
import type { Classifier, Suggestion } from '../../../src/domain/classifier';

/** A rule-based stand-in, so the expected numbers below can be worked out by hand. */
const stub: Classifier = {
  version: 'stub',
  classify(text: string): Suggestion[] {
    const code = /pothole/.test(text) ? 'pothole' : /\bcar\b/.test(text) ? 'illegal-parking' : 'other';
    return [{ service_code: code, confidence: 1 }];
  },
  detectLanguage: () => 'en',
  isConfident: () => true,
};

const codes = ['pothole', 'streetlight', 'graffiti', 'illegal-parking', 'other'];

describe('evaluate on the labelled fixture', () => {
  const evaluation = evaluate(stub, readExamples(path.join(__dirname, '../../fixtures/classifier/labelled.csv')), codes);

  it('scores accuracy and macro-F1 as computed by hand', () => {
    // Predictions: pothole ok, streetlight->other, parking ok, graffiti->other, parking ok, other ok: 4 of 6.
    expect(evaluation.total).toBe(6);
    expect(evaluation.accuracy).toBeCloseTo(4 / 6, 10);
    // F1: pothole 1, illegal-parking 1, streetlight 0, graffiti 0, other (P 1/3, R 1) 0.5 -> mean 2.5 / 5.
    expect(evaluation.macro_f1).toBeCloseTo(0.5, 10);
    expect(evaluation.per_code.other).toEqual({ precision: 1 / 3, recall: 1, f1: 0.5, support: 1 });
  });

  it('reports labels the catalog lacks instead of scoring or crashing on them', () => {
    expect(evaluation.unknown_codes).toEqual({ jaywalking: 1 });
  });

  it('lists the most frequent confusions first', () => {
    expect(evaluation.confusions).toEqual([
      { label: 'graffiti', predicted: 'other', count: 1 },
      { label: 'streetlight', predicted: 'other', count: 1 },
    ]);
  });
});

describe('computeMetrics', () => {
  it('rejects label and prediction lists of different lengths', () => {
    expect(() => computeMetrics(['a'], [])).toThrow('1 labels but 0 predictions');
  });
});
