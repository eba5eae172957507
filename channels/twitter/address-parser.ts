/**
 * Finds where a problem is from a tweet's words: precise geotags are rare, but people write
 * "Beacon St near Charles", "corner of Cummins Hwy and Shelden Street" or "in front of 176 H Street".
 * Returns the address as the resident wrote it (intersections joined with " & "), or undefined.
 */
export function parseAddress(text: string): string | undefined {
  const candidates = [...corners(text), ...streets(text), ...checkIn(text)];
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => b.score - a.score || a.at - b.at);
  return candidates[0].address;
}

interface Candidate {
  address: string;
  /** House number 3, two streets 2, a check-in place 1.5, one street 1. */
  score: number;
  at: number;
}

const SUFFIX =
  '(?:st|street|ave|avenue|av|rd|road|blvd|boulevard|way|pl|place|sq|square|ct|court|ln|lane|dr|drive|pkwy|parkway|hwy|highway|ter|terrace|row|wharf|plaza|circle|cir)\\b\\.?';
const WORD = "[A-Za-z0-9][A-Za-z0-9'’.-]*";
const STREET_RE = new RegExp(`((?:${WORD}\\s+){1,4})(${SUFFIX})`, 'gi');
const SECOND_RE = new RegExp(`^[,]?\\s*(and|&|/|at|@|near|by|off)\\s+((?:${WORD})(?:\\s+${WORD}){0,3})`, 'i');
const CORNER_RE = new RegExp(
  `\\b(?:corner|intersection) of\\s+((?:${WORD}\\s+){0,3}?${WORD})\\s*(?:and|&|/)\\s*((?:${WORD})(?:\\s+${WORD}){0,3})`,
  'gi',
);
const SUFFIX_ONLY = new RegExp(`^${SUFFIX}$`, 'i');

/** Words that end a street name when reading backwards or forwards from it. */
const STOP = new Set(
  (
    'a an the on at of in near by and or to from for is are was were be been being this that these those there here it its ' +
    'my our your his her their corner front back side middle end along across outside inside next off onto into with ' +
    'without over under up down out light lights sign signal signals traffic pothole potholes sidewalk crosswalk lane lanes bike ' +
    'car cars truck trucks parking please someone hey hi also just still more very so really huge big large deep left right ' +
    'has have had every all no not we i you they he she who what where when why how get got can could would should ' +
    'since been days weeks nights dark out broken missing blocked blocking again today tonight now ave st'
  ).split(' '),
);

function isStop(word: string): boolean {
  return STOP.has(word.toLowerCase().replace(/[.,'’]/g, ''));
}

/** The name before a suffix: the longest run of non-stop words ending at the suffix, at most 3. */
function nameBefore(words: string[]): string[] {
  const name: string[] = [];
  for (let i = words.length - 1; i >= 0 && name.length < 3; i--) {
    if (isStop(words[i]) || /[,;:!?]$/.test(words[i])) break;
    name.unshift(words[i]);
  }
  return name;
}

/** The name after a connector: words up to punctuation or a stop word, keeping a street suffix. */
function nameAfter(phrase: string): string | undefined {
  const out: string[] = [];
  for (const raw of phrase.split(/\s+/)) {
    const word = raw.replace(/[.,;:!?)]+$/, '');
    if (out.length > 0 && SUFFIX_ONLY.test(raw.replace(/[,;:!?)]+$/, ''))) {
      out.push(word);
      break;
    }
    if (isStop(word) || !/^[A-Za-z0-9]/.test(word) || /^\d+(?:am|pm)?$/i.test(word)) break;
    out.push(word);
    if (word !== raw || out.length === 3) break;
  }
  return out.length ? out.join(' ') : undefined;
}

function* streets(text: string): Generator<Candidate> {
  for (const m of text.matchAll(STREET_RE)) {
    const words = m[1].trim().split(/\s+/);
    const name = nameBefore(words);
    if (name.length === 0) continue;
    const at = (m.index ?? 0) + m[1].length - name.join(' ').length - 1;
    const street = `${name.join(' ')} ${m[2].replace(/\.$/, '')}`;
    const houseNumber = name.length > 1 && /^\d+[A-Za-z]?$/.test(name[0]);
    if (houseNumber) {
      yield { address: street, score: 3, at };
      continue;
    }
    const rest = text.slice((m.index ?? 0) + m[0].length);
    const second = SECOND_RE.exec(rest);
    const other = second ? nameAfter(second[2]) : undefined;
    if (second && other) {
      const joiner = /^(near|by|off)$/i.test(second[1]) ? ` ${second[1].toLowerCase()} ` : ' & ';
      yield { address: `${street}${joiner}${other}`, score: 2, at };
    } else {
      yield { address: street, score: 1, at };
    }
  }
}

function* corners(text: string): Generator<Candidate> {
  for (const m of text.matchAll(CORNER_RE)) {
    const first = m[1].trim();
    const second = nameAfter(m[2]);
    if (second) yield { address: `${first} & ${second}`, score: 2.5, at: m.index ?? 0 };
  }
}

/** Check-in apps append "– at Some Place": better than a lone street name, not than an intersection. */
function* checkIn(text: string): Generator<Candidate> {
  const m = /\s[–—-]\s+at\s+([^.!?\n]{3,80})$/u.exec(text.trim());
  if (m) yield { address: m[1].trim(), score: 1.5, at: m.index };
}
