/**
 * How well the X channel understands residents' real words: npm run eval:channels (after npm run build).
 *
 * The tweets and labels are described in x-tweets.ts (tweets read at run time, never copied; labels are row numbers).
 * Each tweet goes through what the channel does: cleaned, its place looked up in the Boston geocoder, judged by the
 * rules and the trained model (report-model.json, trained on the tuning sets only by `npm run train:x-judge`), and its category
 * step decided. Prints, per set: opens-a-case precision and recall with 95% Wilson intervals, for the rules alone and
 * for the channel's judge; the category step for labelled requests; over all 2,439 tweets, how many open a case, how
 * many would be filed in the catch-all without asking, and where stored addresses come from (the geocoder, or the
 * resident's words), with how many non-places the word parser finds that are no longer stored.
 * The SMS figure (messages per report over scripted conversations) is printed by the sms-conversations bench below.
 * Flags: --tune-only stops after the tuning sets' figures; --show-sms prints each scripted SMS conversation's length; --show-errors prints the tuning sets' mistakes with their
 * text, on this terminal only (never the held-out's); --show-places prints the addresses stored from words and the
 * word-parser finds dropped, on this terminal only.
 */
import { categoryStep } from '../../channels/twitter/category-choice';
import { REPORT_MODEL, reportProbability } from '../../channels/twitter/report-model';
import { type Tally, tally } from './scoring';
import { smsFigures } from './sms-conversations';
import { bostonPlaces, type Seen, seeTweet } from './x-judge-examples';
import { cityJudge, isTuning, type Label, loadLabels, loadTweets, TWEETS_FILE } from './x-tweets';

const SHOW_ERRORS = process.argv.includes('--show-errors');
const SHOW_PLACES = process.argv.includes('--show-places');
const TUNE_ONLY = process.argv.includes('--tune-only');

/** Wilson score interval for k successes of n, 95%. */
function wilson(k: number, n: number): string {
  if (!n) return 'n/a';
  const z = 1.96;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return `${p.toFixed(2)} [${(centre - half).toFixed(2)}-${(centre + half).toFixed(2)}]`;
}

const pr = (t: Tally) => `precision ${wilson(t.tp, t.tp + t.fp)}, recall ${wilson(t.tp, t.tp + t.fn)}`;

function line(name: string, t: Tally): string {
  const size = t.tp + t.fp + t.fn + t.tn;
  return `  ${name.padEnd(22)} ${String(size).padStart(3)} tweets: ${pr(t)} (tp ${t.tp}, fp ${t.fp}, fn ${t.fn}, tn ${t.tn})`;
}

/** Cohen's kappa of the two annotators: agreement beyond what their yes-rates give by chance. */
function kappa(part: Label[]): number {
  const n = part.length;
  const observed = part.filter((l) => l.first === l.second).length / n;
  const p1 = part.filter((l) => l.first).length / n;
  const p2 = part.filter((l) => l.second).length / n;
  const chance = p1 * p2 + (1 - p1) * (1 - p2);
  return (observed - chance) / (1 - chance);
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

async function main(): Promise<void> {
  const tweets = loadTweets();
  if (!tweets) {
    console.log(`eval:channels: ${TWEETS_FILE} is absent; nothing to measure for X (set INTAKE311_TWEETS to the 2019 tweets file).`);
  } else {
    await xFigures(tweets);
  }
  if (TUNE_ONLY) return;
  const sms = await smsFigures();
  console.log(
    `SMS (${sms.conversations} scripted conversations): ${sms.messagesPerReport.toFixed(2)} resident texts per report filed (${sms.reports} filed); ${sms.inOneExchange} in one exchange (at most the place read back); "where is it?" asked after the place was given: ${sms.whereAskedAgain}`,
  );
}

async function xFigures(tweets: string[]): Promise<void> {
  const city = cityJudge();
  const { catalog, advisor } = city;
  const places = bostonPlaces();
  const seen: Seen[] = [];
  for (const raw of tweets) seen.push(await seeTweet(raw, city, places));
  const labels = loadLabels();

  const score = (part: Label[], pick: (s: Seen) => boolean, show = false, truth = (l: Label) => l.opens): Tally => {
    for (const l of part) {
      const s = seen[l.row - 1];
      if (show && SHOW_ERRORS && pick(s) !== truth(l))
        console.log(`    ${pick(s) ? 'fp' : 'fn'} row ${l.row} (${s.verdict.reason ?? 'report'}): ${s.text.slice(0, 160)}`);
    }
    return tally(part.map((l) => ({ said: pick(seen[l.row - 1]), truth: truth(l) })));
  };
  const sets: [string, Label[]][] = [
    ['tune', labels.filter((l) => l.set === 'tune')],
    ['tune-2', labels.filter((l) => l.set === 'tune-2')],
    ['held-out', labels.filter((l) => l.set === 'held-out')],
    ['held-out-2', labels.filter((l) => l.set === 'held-out-2')],
    ['held-out + held-out-2', labels.filter((l) => !isTuning(l))],
  ];
  // How far two careful people agree on the same standard: the ceiling any judge is measured under.
  console.log('two annotators on the same standard (the second blind to the first and to every model):');
  for (const [name, part] of sets) {
    const agree = part.filter((l) => l.first === l.second).length;
    console.log(
      `  ${name.padEnd(22)} ${String(part.length).padStart(3)} tweets: agree ${pct(agree, part.length)}, Cohen's kappa ${kappa(part).toFixed(2)}; the second scored against the first: ${pr(tally(part.map((l) => ({ said: l.second, truth: l.first }))))}`,
    );
  }
  const about = (REPORT_MODEL as { about?: { trained_on?: string; cv_precision?: number; cv_recall?: number } }).about;
  console.log(`labels: ${labels.length} hand-labelled tweets of ${tweets.length} (${labels.filter((l) => l.opens).length} open a case)`);
  console.log(
    `"opens a case", the channel's judge (rules + model trained on ${about?.trained_on ?? 'tune'}; its CV: precision ${about?.cv_precision ?? 'n/a'}, recall ${about?.cv_recall ?? 'n/a'}):`,
  );
  for (const [name, part] of sets) {
    console.log(
      line(
        name,
        score(part, (s) => s.verdict.report, part.every(isTuning)),
      ),
    );
    if (TUNE_ONLY && name === 'tune-2') return;
  }
  const heldOut = labels.filter((l) => !isTuning(l));
  console.log(
    `  against the first annotator's labels alone:\n${line(
      'held-out + held-out-2',
      score(
        heldOut,
        (s) => s.verdict.report,
        false,
        (l) => l.first,
      ),
    )}`,
  );
  const strict = (REPORT_MODEL as { about?: { strict_threshold?: number; strict_cv_recall?: number } }).about;
  if (strict?.strict_threshold !== undefined) {
    const t = strict.strict_threshold;
    const held = labels.filter((l) => !isTuning(l));
    const pick = (s: Seen) => (s.final || s.retweet ? s.verdict.report : reportProbability(s.features, REPORT_MODEL) >= t);
    console.log(
      `  at the stricter threshold ${t} (where CV precision on tune first reaches 0.90, CV recall ${strict.strict_cv_recall}; not shipped):\n${line('held-out + held-out-2', score(held, pick))}`,
    );
  }
  console.log('"opens a case", the hand rules alone (for comparison):');
  for (const [name, part] of sets)
    console.log(
      line(
        name,
        score(part, (s) => s.rules.report),
      ),
    );

  // Category: of the labelled requests the judge takes, is the category proposed (filed at once) or offered?
  const stepOf = (s: Seen) => (s.verdict.report ? categoryStep(advisor.advise(s.text, s.language), catalog) : undefined);
  let [filed, filedRight, asked, offered] = [0, 0, 0, 0];
  for (const l of labels.filter((x) => x.opens)) {
    const step = stepOf(seen[l.row - 1]);
    if (!step) continue;
    if (step.kind === 'file') {
      filed++;
      if (step.serviceCode === l.category) filedRight++;
    } else {
      asked++;
      if (step.choices.includes(l.category ?? catalog.defaultServiceCode)) offered++;
    }
  }
  console.log(
    `category of labelled requests taken: ${filed} filed at once (${filedRight} right), ${asked} asked in the thread (the right one among the choices in ${offered})`,
  );

  let [opens, silentOther, askedAll, fromGeocoder, fromWords, noAddress, dropped] = [0, 0, 0, 0, 0, 0, 0];
  for (const s of seen) {
    const step = stepOf(s);
    if (!step) continue;
    opens++;
    if (step.kind === 'ask') askedAll++;
    else if (step.serviceCode === catalog.defaultServiceCode) silentOther++;
    if (s.placeAddress) fromGeocoder++;
    else if (s.address) {
      fromWords++;
      if (SHOW_PLACES) console.log(`    stored from words: ${s.address}`);
    } else noAddress++;
    if (s.droppedWords) {
      dropped++;
      if (SHOW_PLACES) console.log(`    not a place, not stored: ${s.droppedWords}`);
    }
  }
  console.log(
    `all tweets: ${opens} of ${tweets.length} open a case (${pct(opens, tweets.length)}); ${askedAll} of them are asked their category first`,
  );
  console.log(`filed as "${catalog.name(catalog.defaultServiceCode)}" without asking: ${silentOther} of ${opens} (${pct(silentOther, opens)})`);
  console.log(
    `locations of those cases: ${fromGeocoder} placed by the geocoder (its address stored and echoed), ${fromWords} the resident's words for a named place (a capitalised name, or a street the geocoder knows by name and kind; list: --show-places), ${noAddress} none; ${dropped} word-parser finds that name no place are not stored (before: stored and echoed as "Location: ...")`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
