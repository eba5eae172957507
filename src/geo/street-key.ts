/**
 * One spelling for every street name, used on both sides: the city's data when it is indexed, and the
 * resident's words when they are looked up. The rules follow the ones Boston's address system uses
 * (suffixes abbreviated, ordinals written out, a leading directional shortened when a name follows,
 * leading St/Mt/Ft read as Saint/Mount/Fort), plus the misspellings residents type.
 */

const SUFFIX_SPELLINGS: Record<string, string[]> = {
  st: ['st', 'street', 'streets', 'sts', 'str', 'strt', 'stret', 'streer', 'steet', 'sreet', 'stree', 'streat', 'stt'],
  ave: ['ave', 'aves', 'av', 'avenue', 'avenues', 'avenu', 'avnue', 'aveneu', 'avenuee', 'avn'],
  rd: ['rd', 'rds', 'road', 'roads', 'raod'],
  pl: ['pl', 'place'],
  ter: ['ter', 'terrace', 'terr', 'terace'],
  ct: ['ct', 'court', 'crt'],
  way: ['way'],
  park: ['park'],
  sq: ['sq', 'square', 'sqr'],
  ln: ['ln', 'lane'],
  cir: ['cir', 'circle'],
  dr: ['dr', 'drive'],
  blvd: ['blvd', 'boulevard', 'bvd'],
  whf: ['whf', 'wharf'],
  pkwy: ['pkwy', 'parkway', 'pky'],
  fwy: ['fwy', 'freeway'],
  brg: ['brg', 'bridge'],
  plz: ['plz', 'plaza'],
  path: ['path'],
  hwy: ['hwy', 'highway'],
  aly: ['aly', 'alley'],
  row: ['row'],
  mall: ['mall'],
  ext: ['ext', 'extension'],
  cres: ['cres', 'crescent'],
  grn: ['grn', 'green'],
  tpke: ['tpke', 'turnpike'],
};

const SUFFIX = new Map<string, string>();
for (const [canonical, spellings] of Object.entries(SUFFIX_SPELLINGS)) for (const s of spellings) SUFFIX.set(s, canonical);

/** Suffixes that are everyday words too ("the best way", "a travel lane", "the ball court"): only a capital makes them a name. */
export const WEAK_SUFFIXES = new Set(['way', 'ln', 'ct', 'park', 'row', 'path', 'grn', 'mall', 'sq', 'pl', 'dr', 'cir', 'ter', 'brg', 'whf', 'ext']);

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];
const ORDINALS_TEEN = ['thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'];
const ORDINAL = new Map<string, string>();
[...ORDINALS, ...ORDINALS_TEEN].forEach((word, i) => {
  const n = i + 1;
  const ending = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  ORDINAL.set(`${n}${ending}`, word);
});

const DIRECTIONAL = new Map([
  ['east', 'e'],
  ['west', 'w'],
  ['north', 'n'],
  ['south', 's'],
]);
const DIRECTION_LETTERS = new Set(['e', 'w', 'n', 's']);
const LEADING_TITLE = new Map([
  ['st', 'saint'],
  ['mt', 'mount'],
  ['ft', 'fort'],
]);

/** Nicknames residents use for whole streets: "Mass Ave", "Comm Ave", "Dot Ave". */
const NICKNAMES = new Map([
  ['mass', 'massachusetts'],
  ['comm', 'commonwealth'],
  ['dot', 'dorchester'],
]);

/** Words spelt two ways in street names: both sides of a lookup use one ("Center St" finds Centre St). */
const SPELLING = new Map([['center', 'centre']]);

/** The canonical suffix a word spells, if it spells one. */
export function suffixOf(word: string): string | undefined {
  return SUFFIX.get(word);
}

/** The canonical key words of a street name given as lower-case, accent-free words. */
export function streetKeyWords(words: string[]): string[] {
  const key = words.map((w) => ORDINAL.get(w) ?? SUFFIX.get(w) ?? SPELLING.get(w) ?? w.replace(/\.$/, ''));
  // A name follows the first word only if more than a bare suffix comes after it ("West St" is a name of its own).
  const nameFollows = key.length > 2 || (key.length === 2 && !SUFFIX_SPELLINGS[key[1]]);
  if (nameFollows && DIRECTIONAL.has(key[0])) key[0] = DIRECTIONAL.get(key[0])!;
  if (nameFollows && LEADING_TITLE.has(key[0])) key[0] = LEADING_TITLE.get(key[0])!;
  // "Mass Ave", and "Mass" alone in "corner of Mass and Albany"; "Dot" alone is too often a word.
  if (((key.length === 2 && key[1] === 'ave') || (key.length === 1 && key[0] !== 'dot')) && NICKNAMES.has(key[0])) key[0] = NICKNAMES.get(key[0])!;
  return key;
}

/** The key words without their trailing suffix ("elm st" -> "elm"); a name without a suffix is its own base. */
export function baseWords(key: string[]): string[] {
  return key.length > 1 && SUFFIX_SPELLINGS[key[key.length - 1]] ? key.slice(0, -1) : key;
}

/** The base without a leading directional ("w broadway" -> "broadway"), or undefined when it has none. */
export function undirected(base: string[]): string[] | undefined {
  return base.length > 1 && DIRECTION_LETTERS.has(base[0]) ? base.slice(1) : undefined;
}

/** Words of a name as written in the city's data ("O'Callaghan Way" -> ["o'callaghan", "way"]). */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/[^a-z0-9']+/)
    .filter(Boolean);
}

/** Whether a canonical key word is a suffix. */
export function isSuffix(word: string): boolean {
  return SUFFIX_SPELLINGS[word] !== undefined;
}
