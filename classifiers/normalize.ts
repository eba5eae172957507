/**
 * Turns what residents actually send (tweets, SMS, voice transcripts, web forms) into plain lowercase
 * words, so that "@BOS311 #Pothole on 123 Tremont St!!! pls fix 🕳️" and "pothole please fix" look alike
 * to the model. Addresses, handles, links and redactions are dropped: they name places and people,
 * not problems, and would otherwise teach the model one city's street names.
 */

const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const REDACTION = /\[[A-Z][A-Z _-]*\]/g;
const MENTION = /(^|[^\w])@\w+/g;
const HASHTAG = /#(\w+)/g;
const EMAIL = /\S+@\S+\.\w+/g;

/** Emoji residents use to name a problem; any other symbol is dropped. */
const EMOJI_WORDS: Record<string, string> = {
  '🕳': ' pothole ',
  '🌳': ' tree ',
  '🌲': ' tree ',
  '🍂': ' leaves ',
  '💡': ' light ',
  '🚦': ' traffic light ',
  '🚥': ' traffic light ',
  '🛑': ' stop sign ',
  '🚗': ' car ',
  '🚙': ' car ',
  '🚘': ' car ',
  '❄': ' snow ',
  '☃': ' snow ',
  '🌨': ' snow ',
  '🧊': ' ice ',
  '🗑': ' trash ',
  '🚮': ' litter ',
  '♻': ' recycling ',
  '🐀': ' rat ',
  '🐁': ' mouse ',
  '💀': ' dead ',
  '☠': ' dead ',
  '🔊': ' loud noise ',
  '📢': ' loud noise ',
  '🎶': ' music ',
  '🎵': ' music ',
  '💧': ' water ',
  '🚰': ' water ',
  '🌊': ' flooding ',
  '🎨': ' paint ',
  '⚠': ' dangerous ',
  '🚧': ' construction ',
};
const EMOJI = new RegExp(Object.keys(EMOJI_WORDS).join('|'), 'gu');

/** Street-type words that end a street name ("Tremont St", "5th Ave"). */
const STREET_SUFFIX =
  'st|street|ave|av|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|pl|place|way|ct|court|sq|square|pkwy|parkway|ter|terrace|hwy|highway|cir|circle';
/** A house or street number followed by a street name, in any case: "123 main st", "5th ave". */
const NUMBERED_ADDRESS = new RegExp(`\\b\\d+\\w*\\s+(?:[a-z][\\w']*\\s+){0,2}(?:${STREET_SUFFIX})\\b\\.?`, 'gi');
/** A capitalised street name, only trusted in mixed-case text: "on Tremont St", "W Newton Street". */
const NAMED_ADDRESS = new RegExp(
  `\\b(?:[A-Z][\\w']*\\s+){1,2}(?:${STREET_SUFFIX.split('|').map(capitalise).join('|')}|${STREET_SUFFIX.toUpperCase()})\\b\\.?`,
  'g',
);
/**
 * In lowercase text (SMS, transcripts) a street name is only recognisable by its place: "on tremont st",
 * "at oak and 5th ave". A possessive or article ("on my street", "on the street") is not a name and stays.
 */
const NOT_A_NAME =
  '(?:the|my|our|this|that|a|an|your|their|his|her|same|whole|entire|side|back|next|cross|dead|one|two|private|public|residential|busy|icy|snowy|wet|flooded|slippery|dark|bumpy|broken|closed|narrow|dirt|gravel|main road)\\b';
const PLACED_ADDRESS = new RegExp(
  `\\b(on|at|near|along|off|onto|of|by|from|to|down|up)\\s+(?:(?!${NOT_A_NAME})[a-z][\\w']*\\s+){1,2}(?:${STREET_SUFFIX})\\b\\.?`,
  'g',
);
/** Spanish puts the name after the street type: "calle Tremont", "avenida Central". */
const SPANISH_ADDRESS = /\b(calle|avenida|avda|av|esquina|esq)\.?\s+(?:[A-Z][\w']*\s*){1,2}/g;

/** SMS shorthand, common misspellings and split compounds, in English and Spanish, to one spelling. */
const WORD_FIXES: Record<string, string> = {
  pls: 'please',
  plz: 'please',
  plez: 'please',
  pleas: 'please',
  u: 'you',
  ur: 'your',
  bc: 'because',
  cuz: 'because',
  bcuz: 'because',
  smth: 'something',
  sth: 'something',
  ppl: 'people',
  thx: 'thanks',
  ty: 'thanks',
  abt: 'about',
  nxt: 'next',
  tmrw: 'tomorrow',
  tonite: 'tonight',
  wk: 'week',
  wks: 'weeks',
  hr: 'hour',
  hrs: 'hours',
  mins: 'minutes',
  st: 'street',
  str: 'street',
  ave: 'avenue',
  rd: 'road',
  blvd: 'boulevard',
  bldg: 'building',
  veh: 'vehicle',
  vehicule: 'vehicle',
  vehical: 'vehicle',
  vehilcle: 'vehicle',
  lite: 'light',
  lites: 'lights',
  pothol: 'pothole',
  pothold: 'pothole',
  pothoe: 'pothole',
  pottle: 'pothole',
  grafitti: 'graffiti',
  graffitti: 'graffiti',
  grafiti: 'graffiti',
  graffitis: 'graffiti',
  abandonded: 'abandoned',
  abondoned: 'abandoned',
  abandonned: 'abandoned',
  garbadge: 'garbage',
  garbege: 'garbage',
  trsh: 'trash',
  recyling: 'recycling',
  recylcing: 'recycling',
  sidwalk: 'sidewalk',
  sidewak: 'sidewalk',
  stretlight: 'streetlight',
  streetlite: 'streetlight',
  streetlamp: 'streetlight',
  hydrnt: 'hydrant',
  raccon: 'raccoon',
  racoon: 'raccoon',
  squirel: 'squirrel',
  tre: 'tree',
  anoying: 'annoying',
  alot: 'lot',
  parkd: 'parked',
  doubleparked: 'double parked',
  dbl: 'double',
  shovelled: 'shoveled',
  unshovelled: 'unshoveled',
  sewar: 'sewer',
  // Spanish SMS
  q: 'que',
  k: 'que',
  xq: 'porque',
  pq: 'porque',
  porq: 'porque',
  x: 'por',
  xfa: 'por favor',
  xfavor: 'por favor',
  porfa: 'por favor',
  porfis: 'por favor',
  pf: 'por favor',
  tb: 'tambien',
  tmb: 'tambien',
  d: 'de',
  dsd: 'desde',
  avda: 'avenida',
};

/** Two-word spellings of one thing, joined so both spellings share features. */
const COMPOUNDS: Array<[RegExp, string]> = [
  [/\bpot\s*holes?\b/g, 'pothole'],
  [/\bstreet\s*(?:lights?|lamps?|lites?)\b/g, 'streetlight'],
  [/\bside\s+walks?\b/g, 'sidewalk'],
  [/\bgraf+it+[iy]\b/g, 'graffiti'],
  [/\bno\s+plates?\b/g, 'noplate'],
  // A transit stop is a place, not a stop sign: "by the T stop" must not read as sign-signal.
  [/\b(?:bus|t|train|subway|trolley|tram)\s+stops?\b/g, 'busstop'],
];

function capitalise(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}

/** Capital-letter cues are only meaningful when the writer mixes case (not ALL CAPS, not Title Case Everything). */
function isMixedCase(text: string): boolean {
  const words = text.match(/[A-Za-z]+/g) ?? [];
  if (words.length === 0) return false;
  const capitalised = words.filter((w) => /^[A-Z]/.test(w)).length;
  return capitalised / words.length < 0.5;
}

function splitCamelCase(tag: string): string {
  return tag.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
}

/** Strips accents so "señal", "senal" and "SEÑAL" are one word (Spanish stemming copes without them). */
function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * Normalises one report to lowercase, accent-free words separated by single spaces. Keeps negations and
 * all content words; removes URLs, e-mails, @mentions, redaction markers ("[PHONE]"), addresses, digits
 * and symbols; expands hashtags, known emoji and SMS shorthand; fixes common misspellings.
 */
export function normalizeText(input: string): string {
  let text = input
    .replace(URL, ' ')
    .replace(EMAIL, ' ')
    .replace(REDACTION, ' ')
    .replace(MENTION, '$1 ')
    .replace(HASHTAG, (_, tag: string) => ` ${splitCamelCase(tag)} `)
    .replace(EMOJI, (e) => EMOJI_WORDS[e] ?? ' ')
    .replace(NUMBERED_ADDRESS, ' ')
    .replace(/\b\w*\d\w*\b/g, ' ');
  if (isMixedCase(text)) text = text.replace(NAMED_ADDRESS, ' ').replace(SPANISH_ADDRESS, '$1 ');
  text = foldAccents(text.toLowerCase())
    .replace(PLACED_ADDRESS, '$1 ')
    .replace(/\bw\/o\b/g, ' without ')
    .replace(/\bw\//g, ' with ')
    .replace(/\bb\/c\b/g, ' because ')
    .replace(/[^a-z\s]+/g, ' ')
    .replace(/([a-z])\1{2,}/g, '$1$1');
  const words = text
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => WORD_FIXES[w] ?? w);
  let joined = words.join(' ');
  for (const [pattern, replacement] of COMPOUNDS) joined = joined.replace(pattern, replacement);
  return joined;
}
