/**
 * Where the classifier's files live. Code runs both from TypeScript sources (classifiers/) and from the
 * build (dist/classifiers/, rootDir '.'), so paths are resolved from the repository root, found by
 * walking up to the nearest package.json, rather than from a fixed number of '..'.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`classifier: no package.json above ${start}; cannot locate the repository`);
  }
}

/** The repository root (the folder holding package.json). */
export const REPO_ROOT = findRepoRoot(__dirname);

/** The trained model shipped in git, used when no other path is given. */
export const DEFAULT_MODEL_PATH = path.join(REPO_ROOT, 'classifiers', 'model', 'model.json');

/** The shipped locale files (`<code>.json`, and the glossaries `<code>.understanding.json`). */
export const LOCALES_DIR = path.join(REPO_ROOT, 'locales');

/** The bundled service catalog whose codes the classifier predicts. */
export const DEFAULT_CATALOG_PATH = path.join(REPO_ROOT, 'src', 'catalog', 'boston.json');

/** The city's catalog, as the service reads it: `CATALOG_PATH`, else the bundled one. */
export function catalogPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CATALOG_PATH?.trim() || DEFAULT_CATALOG_PATH;
}

/** Hand-written resident phrasings in English and Spanish, always added to training. */
export const SEED_CORPUS_PATHS = ['seed-en.csv', 'seed-es.csv'].map((f) => path.join(REPO_ROOT, 'classifiers', 'seed', f));

/** The shared training export: `INTAKE311_TRAIN_DATA`, else ../shared/data/reports-train.csv beside the repository. */
export function defaultTrainingDataPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.INTAKE311_TRAIN_DATA ?? path.resolve(REPO_ROOT, '..', 'shared', 'data', 'reports-train.csv');
}
