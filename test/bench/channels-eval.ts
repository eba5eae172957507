/**
 * How well the X channel understands residents' real words: npm run eval:channels (after npm run build).
 *
 * The tweets are read at run time from ../shared/data/tweets-bos311-2019.csv (INTAKE311_TWEETS overrides); none is
 * copied into the repository. The hand labels live in test/fixtures/twitter/labels-2019.csv: the tweet's row number
 * in that file (1 = first tweet after the header), whether it opens a case, the catalog category, and its set.
 * Split: "tune" is 240 rows drawn with a fixed seed and labelled before the judge was rewritten; the rules were
 * written looking at its mistakes. "held-out" is 110 further rows (another seed, none of the first) labelled after
 * the rules were done and measured once, never tuned on: its figure is the honest one. A tweet starting "RT @" is a
 * retweet, which the channel ignores before judging (the file has no retweet flag).
 * Prints: opens-a-case precision/recall (train, held-out), the share of cases that would be filed in the catch-all
 * without asking, how often the labelled category is proposed or offered, and how many of all tweets open a case.
 * Flags: --tune-only stops after the tuning set's figure; --show-errors prints the tuning set's mistakes with their text, on this terminal only (never the held-out's).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAddress } from '../../channels/twitter/address-parser';
import { categoryStep } from '../../channels/twitter/category-choice';
import { cleanTweetText } from '../../channels/twitter/clean-text';
import { judgeMention, problemWords } from '../../channels/twitter/is-report';
import { parseCsv } from '../../classifiers/csv';
import { loadClassifier } from '../../classifiers/index';
import { defaultTrainingDataPath, REPO_ROOT } from '../../classifiers/paths';
import { loadCatalog } from '../../src/catalog/catalog';
import { categoryAdvisor } from '../../src/intake/category-advisor';

const SHOW_ERRORS = process.argv.includes('--show-errors');
/** --tune-only prints the tuning set's figure alone: for trying a change without peeking at the held-out set. */
const TUNE_ONLY = process.argv.includes('--tune-only');
const tweetsFile = process.env.INTAKE311_TWEETS ?? path.join(path.dirname(defaultTrainingDataPath()), 'tweets-bos311-2019.csv');
const labelsFile = path.join(REPO_ROOT, 'test', 'fixtures', 'twitter', 'labels-2019.csv');

if (!fs.existsSync(tweetsFile)) {
  console.log(`eval:channels: ${tweetsFile} is absent; nothing to measure (set INTAKE311_TWEETS to the 2019 tweets file).`);
  process.exit(0);
}

const [header, ...records] = parseCsv(fs.readFileSync(tweetsFile, 'utf8'), tweetsFile);
const tweets = records.map((r) => r.fields[header.fields.indexOf('text')] ?? '');
const labels = parseCsv(fs.readFileSync(labelsFile, 'utf8'), labelsFile)
  .slice(1)
  .map((r) => ({ row: Number(r.fields[0]), opens: r.fields[1] === 'yes', category: r.fields[2] || undefined, heldOut: r.fields[3] === 'held-out' }));

const catalog = loadCatalog();
const advisor = categoryAdvisor(catalog, loadClassifier());
const judge = { categories: advisor, problemWords: problemWords(catalog), cityHandle: 'BOS311' };

function decide(raw: string) {
  const text = cleanTweetText(raw);
  if (/^RT @\w+/.test(raw)) return { text, verdict: { report: false, reason: 'retweet' }, step: undefined };
  const language = advisor.detectLanguage(text);
  const verdict = judgeMention(text, raw, { hasPhotos: false, hasAddress: Boolean(parseAddress(text)), language }, judge);
  const advice = advisor.advise(text, language);
  return { text, verdict, step: verdict.report ? categoryStep(advice, catalog) : undefined };
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function score(part: typeof labels, show = false): Tally {
  const t: Tally = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const l of part) {
    const d = decide(tweets[l.row - 1]);
    const key = d.verdict.report ? (l.opens ? 'tp' : 'fp') : l.opens ? 'fn' : 'tn';
    t[key]++;
    if (show && SHOW_ERRORS && (key === 'fp' || key === 'fn')) {
      console.log(`  ${key} row ${l.row} (${d.verdict.reason ?? 'report'}): ${d.text.slice(0, 160)}`);
    }
  }
  return t;
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');
const ratio = (n: number, d: number) => (d ? (n / d).toFixed(2) : 'n/a');
function line(name: string, t: Tally, size: number): string {
  return `  ${name.padEnd(9)} ${String(size).padStart(3)} tweets: precision ${ratio(t.tp, t.tp + t.fp)}, recall ${ratio(t.tp, t.tp + t.fn)} (tp ${t.tp}, fp ${t.fp}, fn ${t.fn}, tn ${t.tn})`;
}

const train = labels.filter((l) => !l.heldOut);
const heldOut = labels.filter((l) => l.heldOut);
console.log(`labels: ${labels.length} hand-labelled tweets of ${tweets.length} (${labels.filter((l) => l.opens).length} open a case)`);
console.log('"opens a case" (tune: the rules were written on it; held-out: labelled afterwards, never tuned on):');
console.log(line('tune', score(train, true), train.length));
if (TUNE_ONLY) process.exit(0);
console.log(line('held-out', score(heldOut), heldOut.length));
console.log(line('all', score(labels), labels.length));

// Category: of the labelled requests the judge takes, is the category proposed (filed at once) or offered?
let filed = 0;
let filedRight = 0;
let asked = 0;
let offered = 0;
for (const l of labels.filter((x) => x.opens)) {
  const d = decide(tweets[l.row - 1]);
  if (!d.step) continue;
  if (d.step.kind === 'file') {
    filed++;
    if (d.step.serviceCode === l.category) filedRight++;
  } else {
    asked++;
    if (d.step.choices.includes(l.category ?? catalog.defaultServiceCode)) offered++;
  }
}
console.log(
  `category of labelled requests taken: ${filed} filed at once (${filedRight} right), ${asked} asked in the thread (the right one among the choices in ${offered})`,
);

// Every tweet: how many open a case, and how many of those would be filed in the catch-all without asking.
let opens = 0;
let silentOther = 0;
let askedAll = 0;
for (const raw of tweets) {
  const d = decide(raw);
  if (!d.step) continue;
  opens++;
  if (d.step.kind === 'ask') askedAll++;
  else if (d.step.serviceCode === catalog.defaultServiceCode) silentOther++;
}
console.log(
  `all tweets: ${opens} of ${tweets.length} open a case (${pct(opens, tweets.length)}); ${askedAll} of them are asked their category first`,
);
console.log(`filed as "${catalog.name(catalog.defaultServiceCode)}" without asking: ${silentOther} of ${opens} (${pct(silentOther, opens)})`);
console.log('non-places echoed as locations: n/a (the geocoder is not wired into the X channel on this branch)');
