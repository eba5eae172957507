/** The hand-written seed corpus (classifiers/seed/seed-<language>.csv): always trained on, never capped. */
import * as path from 'node:path';
import type { Language } from '../src/domain/classifier';
import { readExamples } from './dataset';
import type { TrainingExample } from './train';

/** Reads seed files; the language comes from the file name (seed-es.csv is Spanish). */
export function readSeedCorpus(files: string[]): TrainingExample[] {
  return files.flatMap((file) => {
    const language: Language = /-es\.csv$/.test(path.basename(file)) ? 'es' : 'en';
    return readExamples(file).map((e) => ({ ...e, language, seed: true }));
  });
}
