/**
 * Reads where a sentence says the problem is: "outside 12 elm st", "corner of Tremont and Boylston",
 * "calle Tremont 45", "the 100 block of Dudley St", "Fallon Field", "on Centre St". It only finds readings;
 * `resolve.ts` turns them into points and decides how sure each one is.
 */
import type { GeoData } from './geo-data';
import { placeWords } from './place-words';
import { suffixOf } from './street-key';
import type { StreetMatch } from './street-names';
import type { Token } from './tokens';

export type Mention =
  | { kind: 'address'; number: string; street: StreetMatch }
  | { kind: 'block'; block: number; street: StreetMatch }
  | { kind: 'intersection'; a: StreetMatch; b: StreetMatch; cue: boolean }
  | { kind: 'street'; street: StreetMatch; cue: boolean; neighborhood: boolean }
  | { kind: 'segment'; street: StreetMatch; from: StreetMatch; to: StreetMatch }
  | { kind: 'landmark'; rows: number[] };

/**
 * The words around place names (place-words.ts): English, plus every language's from locales/*.understanding.json:
 * connectors ("and", "y", "ak", "và", "и", "و", "et"), crossing cues ("corner", "esquina", "kwen", "góc", "угол"),
 * street cues ("on", "en", "na", "на"), number words ("numero", "số", "дом") and street-type words before a name
 * ("calle", "rua", "rue", "đường", "улица", "شارع").
 */
const WORDS = placeWords();
const CONNECTORS = WORDS.and;
const CROSSING_CUES = WORDS.corner;
const STREET_CUES = WORDS.on;
const NUMBER_WORDS = WORDS.number;
const STREET_WORDS = WORDS.streetBefore;
/**
 * Articles and "of" words stepped over between a number, a street word and a name ("45 de la calle", "coin de la
 * rue"). One-letter ones (Portuguese "a", "o") only after a connector ("com a Boylston"): elsewhere they are English
 * initials and words ("O'Callaghan Way", "a").
 */
const SKIP_AFTER_CONNECTOR = WORDS.skip;
const SKIP = new Set([...WORDS.skip].filter((w) => w.length > 1));

/** A house number: up to 5 digits with an optional letter, or a range; 5-digit numbers starting with 0 are ZIP codes. */
export function isHouseNumber(norm: string): boolean {
  return /^\d{1,5}[a-z]?$|^\d{1,5}-\d{1,5}$/.test(norm) && !/^0\d{4}$/.test(norm) && parseInt(norm, 10) > 0;
}

function landmarks(tokens: Token[], data: GeoData, used: boolean[]): Mention[] {
  const found: Mention[] = [];
  for (let i = 0; i < tokens.length; i++)
    for (let j = Math.min(tokens.length, i + 6); j > i; j--) {
      const span = tokens.slice(i, j);
      // One-word place names are everyday words too often ("the field"): they count only when capitalised.
      if (span.length === 1 && !span[0].cap) continue;
      const rows = data.placesByKey.get(span.map((t) => t.norm).join(' '));
      // "Highland Park Ave" is a street, not Highland Park.
      if (!rows || (tokens[j] && suffixOf(tokens[j].norm))) continue;
      found.push({ kind: 'landmark', rows });
      for (let k = i; k < j; k++) used[k] = true;
      i = j - 1;
      break;
    }
  return found;
}

function numberAfter(tokens: Token[], i: number): string | undefined {
  const at = NUMBER_WORDS.has(tokens[i]?.norm ?? '') ? i + 1 : i;
  const t = tokens[at];
  return t?.number && isHouseNumber(t.norm) ? t.norm : undefined;
}

/**
 * The house number written after a street, and the index after it: after a street word's name ("calle Tremont 45"),
 * after a number word ("Blue Hill Ave, дом 300"), or, when `numberLast`, right after a suffix ("Geneva Ave 80").
 */
function trailingNumber(tokens: Token[], street: StreetMatch, implied: boolean, numberLast: boolean): { number: string; end: number } | undefined {
  const worded = NUMBER_WORDS.has(tokens[street.end]?.norm ?? '');
  if (!implied && !(street.suffix && (numberLast || worded))) return undefined;
  const number = numberAfter(tokens, street.end);
  return number ? { number, end: street.end + (worded ? 2 : 1) } : undefined;
}

/**
 * The readings of a sentence. `language` is the report's locale code when known: in a language other than English a
 * number after a street with its suffix is its house number ("Geneva Ave 80"); in English ("Tremont St 2 weeks ago")
 * it is only with a number word before it ("Tremont St número 45", "Blue Hill Ave, дом 300").
 */
export function findMentions(tokens: Token[], data: GeoData, language?: string): Mention[] {
  const numberLast = language !== undefined && language !== 'en';
  const used = tokens.map(() => false);
  const mentions = landmarks(tokens, data, used);
  const loose: Loose[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const t = tokens[i];
    if (t.number && isHouseNumber(t.norm)) {
      const blockOf = tokens[i + 1]?.norm === 'block' && ['of', 'de', 'on'].includes(tokens[i + 2]?.norm ?? '');
      // "45 calle Tremont", "el 40 de la calle Boylston", "45 rua Main", "số 45 đường Main", as residents may write it.
      let k = i + 1;
      while (k < i + 3 && SKIP.has(tokens[k]?.norm ?? '')) k++;
      const implied = STREET_WORDS.get(tokens[k]?.norm ?? '');
      const street = data.names.matchAt(tokens, blockOf ? i + 3 : implied ? k + 1 : k, implied);
      if (street) {
        mentions.push(
          blockOf ? { kind: 'block', block: Math.floor(parseInt(t.norm, 10) / 100) * 100, street } : { kind: 'address', number: t.norm, street },
        );
        i = street.end - 1;
        continue;
      }
    }
    const implied = STREET_WORDS.get(t.norm);
    const cue = implied !== undefined || STREET_CUES.has(t.norm);
    if (cue) {
      const next = tokens[i + 1]?.norm ?? '';
      const skip = next === 'the' || SKIP.has(next) ? 1 : 0;
      const street = data.names.matchAt(tokens, i + 1 + skip, implied);
      const house = street && trailingNumber(tokens, street, implied !== undefined, numberLast);
      // "đường đầy ổ gà" (a road full of potholes) is not Day St: after a street word, an everyday word needs a capital or a number.
      if (street && (house || !implied || street.cap || !street.common)) {
        if (house) mentions.push({ kind: 'address', number: house.number, street });
        else loose.push({ ...street, cue: true, neighborhood: false });
        i = (house?.end ?? street.end) - 1;
        continue;
      }
    }
    const street = data.names.matchAt(tokens, i) ?? (inCrossingSlot(tokens, i, loose) ? data.names.matchAt(tokens, i, 'st') : undefined);
    if (street) {
      // "in Charlestown" names a neighborhood (and "in Boston" the city), not Charlestown Ave or Boston St; but
      // "corner of Brighton and Linden" means Brighton Ave.
      const words = tokens
        .slice(street.start, street.end)
        .map((x) => x.norm)
        .join(' ');
      const neighborhood = !street.suffix && (data.neighborhoodByKey.has(words) || words === data.cityKey);
      const house = trailingNumber(tokens, street, false, numberLast);
      if (house) mentions.push({ kind: 'address', number: house.number, street });
      else loose.push({ ...street, cue: false, neighborhood });
      i = (house?.end ?? street.end) - 1;
    }
  }
  return [...mentions, ...crossingsAndStreets(tokens, data, loose)];
}

/**
 * True where a sentence has said a crossing is named: right after "corner of" / "intersection of", or right after the
 * connector that follows the first name of such a crossing. There a misspelt name without a suffix ("corner of
 * Telgraph and Mercer") is still read as a street, as a suffix would let it be.
 */
function inCrossingSlot(tokens: Token[], i: number, loose: Loose[]): boolean {
  const prev = tokens[i - 1]?.norm ?? '';
  if ((prev === 'of' || SKIP.has(prev)) && CROSSING_CUES.has(tokens[i - 2]?.norm ?? '')) return true;
  const first = loose[loose.length - 1];
  const gap = tokens.slice(first?.end ?? i, i).map((t) => t.norm);
  if (!first || gap.length < 1 || gap.length > 2 || !gap.every((w) => w === prev && CONNECTORS.has(w))) return false;
  return tokens.slice(Math.max(0, first.start - 3), first.start).some((t) => CROSSING_CUES.has(t.norm));
}

/** Two street names joined by a connector are a crossing; a street name left alone is a street. */
type Loose = StreetMatch & { cue: boolean; neighborhood: boolean };

function crossingsAndStreets(tokens: Token[], data: GeoData, spans: Loose[]): Mention[] {
  const out: Mention[] = [];
  const paired = new Set<number>();
  const joined = (x: Loose, y: Loose) => {
    const gap = tokens.slice(x.end, y.start).map((t) => t.norm);
    // "Brookline and and Boylston": a doubled connector is a slip, not two phrases.
    if ((gap.length === 1 || (gap.length === 2 && gap[0] === gap[1])) && gap.every((w) => CONNECTORS.has(w))) return true;
    // "esquina da Main com a Elm", "coin de la rue Main et de la rue Elm": articles and a street word after the connector.
    return (
      gap.length >= 2 && gap.length <= 4 && CONNECTORS.has(gap[0]) && gap.slice(1).every((w) => SKIP_AFTER_CONNECTOR.has(w) || STREET_WORDS.has(w))
    );
  };
  for (let k = 0; k + 1 < spans.length; k++) {
    if (paired.has(k)) continue;
    let [a, b] = [spans[k], spans[k + 1]];
    // "on Tremont St (in front of the rink) between Terrace St and Parker St": a stretch of the first street, not the crossing of the other two.
    const c = spans[k + 2];
    const gap = tokens.slice(a.end, b.start).map((t) => t.norm);
    if (c && gap.length >= 1 && gap.length <= 10 && WORDS.between.has(gap[gap.length - 1]) && joined(b, c)) {
      out.push({ kind: 'segment', street: a, from: b, to: c });
      paired
        .add(k)
        .add(k + 1)
        .add(k + 2);
      continue;
    }
    if (!joined(a, b)) continue;
    // "Tremont and Boylston streets": the plural suffix belongs to both names.
    // The names read without it stay candidates too: "Crescent and Moseley Streets" is Crescent Ave.
    if (!a.suffix && b.suffix && /s$/.test(tokens[b.end - 1].norm)) {
      const plural = data.names.matchAt(tokens, a.start, b.suffix);
      if (plural) a = { ...a, ...plural, ids: [...new Set([...plural.ids, ...a.ids])], cue: a.cue, neighborhood: a.neighborhood };
    }
    const before = tokens.slice(Math.max(0, a.start - 4), a.start).map((t) => t.norm);
    const cue = before.some((w) => CROSSING_CUES.has(w)) || a.cue;
    out.push({ kind: 'intersection', a, b, cue });
    paired.add(k).add(k + 1);
  }
  spans.forEach((s, k) => {
    if (!paired.has(k)) out.push({ kind: 'street', street: s, cue: s.cue, neighborhood: s.neighborhood });
  });
  return out;
}
