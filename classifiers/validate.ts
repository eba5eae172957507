/**
 * Honest validation: the model is judged on other cities, so it is validated by holding out whole
 * cities, never random Boston rows. Fold 1 holds out New York (the largest non-Boston city); fold 2
 * holds out every other non-Boston city. Each fold trains on everything else plus the seed corpus.
 */

import { type Scored, scoreExamples } from './calibration';
import { type Evaluation, evaluate } from './evaluate';
import { LinearClassifier } from './linear-classifier';
import type { TrainingExample, TrainOptions } from './train';
import { trainModel } from './train';

export interface Fold {
  name: string;
  heldOut: (example: TrainingExample) => boolean;
}

export const CITY_FOLDS: Fold[] = [
  { name: 'held out: New York', heldOut: (e) => !e.seed && e.city === 'New York, NY' },
  { name: 'held out: other non-Boston cities', heldOut: (e) => !e.seed && e.city !== 'Boston, MA' && e.city !== 'New York, NY' },
];

/** One fold's scores, and every held-out example's suggestions for measuring the confidence rule. */
export interface FoldResult {
  fold: string;
  evaluation: Evaluation;
  scored: Scored[];
}

/** Trains one model per fold and evaluates it on the held-out rows. */
export function crossCityValidation(examples: TrainingExample[], options: TrainOptions, folds = CITY_FOLDS): FoldResult[] {
  return folds.map((fold) => {
    const { model } = trainModel(
      examples.filter((e) => !fold.heldOut(e)),
      options,
    );
    const classifier = new LinearClassifier(model);
    const heldOut = examples.filter(fold.heldOut);
    return { fold: fold.name, evaluation: evaluate(classifier, heldOut, options.codes), scored: scoreExamples(classifier, heldOut, options.codes) };
  });
}
