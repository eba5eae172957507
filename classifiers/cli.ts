/**
 * The classifier's commands, wired into `intake311 train|eval|classify|validate`. Each takes its
 * arguments and an output function and returns an exit code, so tests can run them in-process.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Language } from '../src/domain/classifier';
import { loadUnderstandings } from '../src/understanding/files';
import { CANDIDATE_RULES, CHOICES_OFFERED, type ConfidenceFigures, confidenceFigures } from './calibration';
import { readCatalogCodes } from './catalog-codes';
import { DEFAULT_CONFIDENCE_RULE } from './confidence-rule';
import { CsvError } from './csv';
import { readExamples } from './dataset';
import { type Evaluation, evaluate } from './evaluate';
import { loadClassifier } from './index';
import { catalogPath, DEFAULT_MODEL_PATH, defaultTrainingDataPath, SEED_CORPUS_PATHS } from './paths';
import { readSeedCorpus } from './seed-corpus';
import { type TrainingExample, trainModel } from './train';
import { crossCityValidation } from './validate';

type Out = (line: string) => void;

/** Splits `--flag value` options (repeatable), boolean `--flag`s and positional arguments. */
function parseArgs(args: string[], booleans: string[]): { values: Record<string, string[]>; flags: Set<string>; positional: string[] } {
  const values: Record<string, string[]> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) positional.push(arg);
    else if (booleans.includes(arg.slice(2))) flags.add(arg.slice(2));
    else if (i + 1 >= args.length) throw new UsageError(`${arg} needs a value`);
    else {
      const name = arg.slice(2);
      values[name] = [...(values[name] ?? []), args[++i]];
    }
  }
  return { values, flags, positional };
}

class UsageError extends Error {}

/** Runs a command body, turning expected failures into a message and exit code 1. */
async function run(name: string, out: Out, body: () => number | Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof CsvError || err instanceof UsageError || err instanceof Error) {
      out(`${name}: ${err.message}`);
      return err instanceof UsageError ? 2 : 1;
    }
    throw err;
  }
}

function trainingInput(values: Record<string, string[]>): TrainingExample[] {
  const files = values.data ?? [defaultTrainingDataPath()];
  return [...files.flatMap((f) => readExamples(f)), ...readSeedCorpus(SEED_CORPUS_PATHS)];
}

/**
 * `train [--data FILE.csv]... [--out PATH]`: trains on the files (default: the shared export) plus the
 * seed corpus and writes the model atomically (temp file, then rename), so a failed run leaves the
 * previous model in place.
 */
export async function trainCommand(args: string[], out: Out): Promise<number> {
  return run('train', out, () => {
    const { values } = parseArgs(args, []);
    const target = values.out?.[0] ?? DEFAULT_MODEL_PATH;
    const started = Date.now();
    const { model, report } = trainModel(trainingInput(values), { codes: readCatalogCodes(catalogPath()) });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temp, JSON.stringify(model));
      fs.renameSync(temp, target);
    } finally {
      fs.rmSync(temp, { force: true });
    }
    out(
      `trained ${model.version} on ${report.used} examples (${report.relabelled} "other" relabelled, ${report.droppedAmbiguous} ambiguous dropped) in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
    out(
      `per code: ${Object.entries(report.perCode)
        .map(([c, n]) => `${c}=${n}`)
        .join(' ')}`,
    );
    for (const [code, n] of Object.entries(report.skippedUnknown)) out(`skipped ${n} examples labelled "${code}": not a catalog code`);
    out(`${report.features} features, wrote ${target} (${(fs.statSync(target).size / 1e6).toFixed(2)} MB)`);
    return 0;
  });
}

function printEvaluation(e: Evaluation, out: Out): void {
  out(`examples: ${e.total}  accuracy: ${e.accuracy.toFixed(3)}  macro-F1: ${e.macro_f1.toFixed(3)}`);
  out('code                 precision  recall     f1  support');
  for (const [code, s] of Object.entries(e.per_code)) {
    out(
      `${code.padEnd(20)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(7)} ${s.f1.toFixed(3).padStart(6)} ${String(s.support).padStart(8)}`,
    );
  }
  if (e.confusions.length > 0)
    out(`top confusions (label -> predicted): ${e.confusions.map((c) => `${c.label}->${c.predicted} ${c.count}`).join(', ')}`);
  for (const [code, n] of Object.entries(e.unknown_codes)) out(`not scored: ${n} examples labelled "${code}", which the catalog lacks`);
}

/** `eval --data FILE.csv [--json] [--model PATH]`: accuracy, macro-F1, per-code scores, top confusions. */
export async function evalCommand(args: string[], out: Out): Promise<number> {
  return run('eval', out, () => {
    const { values, flags } = parseArgs(args, ['json']);
    const file = values.data?.[0];
    if (!file) throw new UsageError('--data FILE.csv is required (columns text,category)');
    const evaluation = evaluate(loadClassifier(values.model?.[0]), readExamples(file), readCatalogCodes(catalogPath()));
    if (flags.has('json')) out(JSON.stringify(evaluation));
    else printEvaluation(evaluation, out);
    return 0;
  });
}

/** `classify "TEXT" [--json] [--language CODE] [--model PATH]`: the suggested codes, best first; CODE is en or a locale with an understanding file. */
export async function classifyCommand(args: string[], out: Out): Promise<number> {
  return run('classify', out, () => {
    const { values, flags, positional } = parseArgs(args, ['json']);
    const text = positional.join(' ');
    if (text.trim() === '') throw new UsageError('give the report text, e.g. classify "big pothole on main st"');
    const language = values.language?.[0];
    const known = ['en', ...loadUnderstandings().keys()];
    if (language !== undefined && !known.includes(language)) throw new UsageError(`--language must be one of ${known.join(', ')}, not "${language}"`);
    const classifier = loadClassifier(values.model?.[0]);
    const suggestions = classifier.classify(text, { language: language as Language | undefined });
    if (flags.has('json')) out(JSON.stringify(suggestions.map(({ service_code, confidence }) => ({ service_code, confidence }))));
    else {
      for (const s of suggestions) out(`${s.service_code.padEnd(20)} ${s.confidence.toFixed(3)}`);
      out(classifier.isConfident(suggestions) ? 'confident' : 'not confident: ask the resident to choose');
    }
    return 0;
  });
}

function formatFigures(f: ConfidenceFigures): string {
  const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
  return `top >= ${f.rule.confidentAt}, lead >= ${f.rule.confidentMargin}: confident on ${pct(f.coverage)}, right when confident ${pct(f.precision)}, right code among the ${CHOICES_OFFERED} offered otherwise ${pct(f.choiceHit)}`;
}

/**
 * `validate [--data FILE.csv]...`: trains with whole cities held out and prints the held-out scores,
 * then how the confidence rule (and alternatives) does on all held-out rows together.
 */
export async function validateCommand(args: string[], out: Out): Promise<number> {
  return run('validate', out, () => {
    const { values } = parseArgs(args, []);
    const results = crossCityValidation(trainingInput(values), { codes: readCatalogCodes(catalogPath()) });
    for (const { fold, evaluation, scored } of results) {
      out(`== ${fold}`);
      printEvaluation(evaluation, out);
      out(`confidence rule: ${formatFigures(confidenceFigures(scored, DEFAULT_CONFIDENCE_RULE))}`);
    }
    const pooled = results.flatMap((r) => r.scored);
    out(`== confidence rule on all ${pooled.length} held-out reports`);
    out(`in use: ${formatFigures(confidenceFigures(pooled, DEFAULT_CONFIDENCE_RULE))}`);
    for (const rule of CANDIDATE_RULES) out(`  alternative ${formatFigures(confidenceFigures(pooled, rule))}`);
    return 0;
  });
}
