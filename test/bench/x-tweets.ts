/**
 * The real 2019 tweets to the city's account and their hand labels, shared by `npm run eval:channels` and
 * `npm run train:x-judge`. The tweets are read at run time from ../shared/data/tweets-bos311-2019.csv
 * (INTAKE311_TWEETS overrides); none is copied into the repository. The labels live in
 * test/fixtures/twitter/labels-2019.csv: the tweet's row number (1 = first tweet after the header), whether a 311
 * agent would open a case for it, the catalog category, and its set:
 *  - tune (500): the rules were written looking at its first 240 rows' mistakes, and the model is trained and
 *    cross-validated on all of it;
 *  - held-out (110): labelled after the rules were done, never tuned on;
 *  - held-out-2 (200): drawn with another seed and labelled (and committed) before the model existed, never tuned on;
 *  - tune-2 (400): unlabelled non-retweet rows drawn with seeds 2020 and 2021, labelled later to the written standard
 *    (test/fixtures/twitter/labels-2019.md) without seeing any model's verdict; `npm run train:x-judge` trains on
 *    tune and tune-2. The shipped model was trained on tune alone, so tune-2 is out of sample for it.
 * Every set was labelled twice, the second time blind to the first labels and to every model; where the two
 * differed, an adjudicator decided by the standard's "hard cases" section. `opens_case` is that final answer,
 * `first` and `second` the two annotators' own.
 * The labelling standard is in test/fixtures/twitter/labels-2019.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cleanTweetText } from '../../channels/twitter/clean-text';
import { problemWords, type ReportJudge } from '../../channels/twitter/is-report';
import { parseCsv } from '../../classifiers/csv';
import { loadClassifier } from '../../classifiers/index';
import { defaultTrainingDataPath, REPO_ROOT } from '../../classifiers/paths';
import { loadCatalog } from '../../src/catalog/catalog';
import { categoryAdvisor } from '../../src/intake/category-advisor';

export type LabelSet = 'tune' | 'tune-2' | 'held-out' | 'held-out-2';

/** The sets the trainer may read (and `--show-errors` may print): never a held-out one. */
export const isTuning = (l: Pick<Label, 'set'>) => l.set === 'tune' || l.set === 'tune-2';

export interface Label {
  row: number;
  /** The label used everywhere: the two annotators' shared answer, or the adjudicator's where they differed. */
  opens: boolean;
  category?: string;
  set: LabelSet;
  /** The first annotator's answer (the only label before the second annotation). */
  first: boolean;
  /** The second annotator's answer, made blind to the first's and to every model. */
  second: boolean;
}

export const TWEETS_FILE = process.env.INTAKE311_TWEETS ?? path.join(path.dirname(defaultTrainingDataPath()), 'tweets-bos311-2019.csv');
export const LABELS_FILE = path.join(REPO_ROOT, 'test', 'fixtures', 'twitter', 'labels-2019.csv');

/** The tweets as written, in file order (row n is index n - 1), or undefined when the file is absent. */
export function loadTweets(): string[] | undefined {
  if (!fs.existsSync(TWEETS_FILE)) return undefined;
  const [header, ...records] = parseCsv(fs.readFileSync(TWEETS_FILE, 'utf8'), TWEETS_FILE);
  const text = header.fields.indexOf('text');
  return records.map((r) => r.fields[text] ?? '');
}

export function loadLabels(): Label[] {
  return parseCsv(fs.readFileSync(LABELS_FILE, 'utf8'), LABELS_FILE)
    .slice(1)
    .map((r) => ({
      row: Number(r.fields[0]),
      opens: r.fields[1] === 'yes',
      category: r.fields[2] || undefined,
      set: r.fields[3] as LabelSet,
      first: r.fields[4] === 'yes',
      second: r.fields[5] === 'yes',
    }));
}

/** The catalog, the real classifier's advisor and the city's judge, as the channel builds them. */
export function cityJudge() {
  const catalog = loadCatalog();
  const advisor = categoryAdvisor(catalog, loadClassifier());
  const judge: ReportJudge = { categories: advisor, problemWords: problemWords(catalog), cityHandle: 'BOS311' };
  return { catalog, advisor, judge };
}

/** A retweet starts "RT @": the channel drops it before judging (the file has no retweet flag). */
export const isRetweet = (raw: string) => /^RT @\w+/.test(raw);

export { cleanTweetText };
