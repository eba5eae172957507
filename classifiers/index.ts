/** The category classifier: load the shipped (or a given) model as a Classifier. */
import type { Classifier } from '../src/domain/classifier';
import { LinearClassifier } from './linear-classifier';
import { readModelFile } from './model';
import { DEFAULT_MODEL_PATH } from './paths';

export { DEFAULT_MODEL_PATH };

/** Loads a trained model (default: classifiers/model/model.json, shipped in git); throws naming the file if unusable. */
export function loadClassifier(modelPath: string = DEFAULT_MODEL_PATH): Classifier {
  return new LinearClassifier(readModelFile(modelPath));
}
