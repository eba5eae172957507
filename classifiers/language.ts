/**
 * Language detection for the short, informal texts residents send. A general n-gram detector (franc) alone is
 * unreliable on a five-word SMS, so it is one vote among stronger cues: the script (Chinese, Cyrillic, Arabic,
 * Vietnamese letters), and each language's common short words. Detection is restricted to the languages a city
 * enabled; the profiles come from their locale files (`meta.detect`, `meta.script`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { franc } from 'franc';
import type { Language } from '../src/domain/classifier';
import { LOCALES_DIR } from './paths';

/** What the detector knows of one enabled language. */
export interface LanguageProfile {
  code: Language;
  /** ISO 15924: Latn, Hans, Hant, Cyrl, Arab. */
  script: string;
  /** franc's ISO 639-3 code (`spa`, `hat`), if franc knows the language. */
  franc?: string;
  /** Common words, compared without case or accents. */
  cues: readonly string[];
}

/** Characters written differently in Simplified and Traditional Chinese, in matching order. */
const SIMPLIFIED =
  '这们个来时说对还没开关门问题车东过灯电话马坏树边听见让请谢报号处动发现经两会难为从后几么吗样长声响积结废弃辆违规区楼脏乱猫尸体图场园应该给网线绿红黄实际进远块条写间闻';
const TRADITIONAL =
  '這們個來時說對還沒開關門問題車東過燈電話馬壞樹邊聽見讓請謝報號處動發現經兩會難為從後幾麼嗎樣長聲響積結廢棄輛違規區樓髒亂貓屍體圖場園應該給網線綠紅黃實際進遠塊條寫間聞';
const SIMPLIFIED_SET = new Set(SIMPLIFIED);
const TRADITIONAL_SET = new Set(TRADITIONAL);
/** Letters only Vietnamese uses among Latin-script languages (ơ ư ă đ, and vowels with a dot below or hook above). */
const VIETNAMESE = /[ơưăđ\u1ea0-\u1ef9]/iu;
/** Below this many characters franc guesses too wildly to get a vote. */
const FRANC_MIN_CHARS = 30;
/** franc's vote: a tie-breaker between languages whose words are present, never enough alone. */
const FRANC_VOTE = 1;
/** A language other than the default needs this much evidence: one stray word ("no wait, 500 Columbus Ave") is not. */
const MIN_EVIDENCE = 2;

const plain = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');

function count(text: string, re: RegExp): number {
  return (text.match(re) ?? []).length;
}

/**
 * A detector over `profiles` (the first is the default: it wins ties and is the answer when nothing is known).
 * Pure and synchronous; build it once per process.
 */
export function createLanguageDetector(profiles: readonly LanguageProfile[]): (text: string) => Language {
  if (profiles.length === 0) throw new Error('language detector: no languages enabled');
  const fallback = profiles[0].code;
  const byScript = (script: string) => profiles.filter((p) => p.script === script);
  const latin = byScript('Latn').map((p) => ({
    ...p,
    words: new Set(p.cues.filter((c) => !c.includes(' ')).map(plain)),
    phrases: p.cues.filter((c) => c.includes(' ')).map(plain),
  }));
  const francCodes = latin.map((p) => p.franc).filter((c): c is string => Boolean(c));

  return (text: string): Language => {
    const han = count(text, /\p{Script=Han}/gu);
    const cyrillic = count(text, /\p{Script=Cyrillic}/gu);
    const arabic = count(text, /\p{Script=Arabic}/gu);
    const letters = count(text, /\p{L}/gu);
    const major = (n: number) => n * 2 >= letters;
    if (han && major(han)) {
      const hans = byScript('Hans')[0];
      const hant = byScript('Hant')[0];
      const simplified = [...text].filter((c) => SIMPLIFIED_SET.has(c)).length;
      const traditional = [...text].filter((c) => TRADITIONAL_SET.has(c)).length;
      const pick = traditional > simplified ? (hant ?? hans) : (hans ?? hant);
      if (pick) return pick.code;
    }
    if (cyrillic && major(cyrillic) && byScript('Cyrl')[0]) return byScript('Cyrl')[0].code;
    if (arabic && major(arabic) && byScript('Arab')[0]) return byScript('Arab')[0].code;

    const lower = text.toLowerCase();
    const flat = plain(text);
    const words = flat.split(/[^\p{L}']+/u).filter(Boolean);
    const scores = new Map<Language, number>(latin.map((p) => [p.code, 0]));
    for (const p of latin) {
      let score = 0;
      for (const w of words) if (p.words.has(w)) score++;
      for (const phrase of p.phrases) if (` ${flat} `.includes(` ${phrase} `)) score += 2;
      if (p.franc === 'vie' && VIETNAMESE.test(lower)) score += 5;
      // Letters only one of the enabled Latin-script languages uses (an accent like á is shared by several).
      if (p.franc === 'spa' && /[ñ¿¡]/.test(lower)) score += 2;
      if (p.franc === 'por' && /[ãõ]/.test(lower)) score += 2;
      scores.set(p.code, score);
    }
    if (text.trim().length >= FRANC_MIN_CHARS && francCodes.length > 1) {
      const guess = franc(text, { only: francCodes, minLength: FRANC_MIN_CHARS });
      const winner = latin.find((p) => p.franc === guess);
      if (winner) scores.set(winner.code, (scores.get(winner.code) ?? 0) + FRANC_VOTE);
    }
    let best: Language = fallback;
    let top = scores.get(fallback) ?? 0;
    for (const [code, score] of scores) {
      if (score > top && score >= MIN_EVIDENCE) {
        best = code;
        top = score;
      }
    }
    return best;
  };
}

/** A profile from a shipped locale file (its `meta.detect`), for the model's own languages. */
function shippedProfile(code: string): LanguageProfile {
  const meta = JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, `${code}.json`), 'utf8')).meta;
  return { code, script: meta.script, franc: meta.detect.franc, cues: meta.detect.cues };
}

let modelDetector: ((text: string) => Language) | undefined;

/**
 * Guesses 'es' or 'en', the languages the category model was trained in; English wins ties. Intake and channels
 * use the detector over the city's enabled locales instead (src/i18n).
 */
export function detectLanguage(text: string): Language {
  modelDetector ??= createLanguageDetector([shippedProfile('en'), shippedProfile('es')]);
  return modelDetector(text);
}
