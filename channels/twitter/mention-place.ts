import type { Place, PlacesPort } from '../../src/channels/port';
import type { Language } from '../../src/domain/classifier';
import { MIN_UNCONFIRMED_CONFIDENCE } from '../../src/domain/place';
import { parseAddress } from './address-parser';

export interface WordsPlace {
  place?: Place;
  /** The resident's words for the place, stored with the case. */
  address?: string;
  /** Words the parser took for a place that are not one: kept out of the address. */
  notPlace?: string;
}

/**
 * What a tweet's words say about where: the place the geocoder is sure of (nobody confirms a tweet's place, so a
 * vague one, a whole street, stays unplaced), and the words to store as the address. The word parser reads any
 * "word + street word" as a street; "best way", "travel lane" or "basket ball court" are not places and must
 * never be echoed back as "Location: ...". So the words are kept only when they name something: a capitalised
 * name or a number ("Sullivan Square", "Visconti Way"), or, written all in lower case, a street the geocoder
 * finds by that name and kind ("lincoln st", "comm ave"; not "city street", which it can only match to City Sq).
 */
export async function placeInWords(places: PlacesPort, text: string, language: Language): Promise<WordsPlace> {
  const located = await places.locate(text, { language });
  const place = located && located.confidence >= MIN_UNCONFIRMED_CONFIDENCE ? located : undefined;
  let rest = text;
  let notPlace: string | undefined;
  // The parser's best find may be no place ("parked in the travel lane on Congress St"): the next one may be.
  for (let tries = 0; tries < 3; tries++) {
    const parsed = parseAddress(rest);
    if (!parsed) break;
    const words = trimLead(parsed);
    if (words && (place || (await namesAPlace(places, words, language)))) return { place, address: words };
    notPlace ??= parsed;
    rest = rest.replace(parsed, ' ');
  }
  return notPlace ? { place, notPlace } : { place };
}

/** A street-type word at the end of a name ("St", "avenue", "Sq."), in the short form the geocoder writes. */
const KIND: Record<string, string> = {
  st: 'st',
  street: 'st',
  ave: 'ave',
  avenue: 'ave',
  av: 'ave',
  rd: 'rd',
  road: 'rd',
  blvd: 'blvd',
  boulevard: 'blvd',
  way: 'way',
  pl: 'pl',
  place: 'pl',
  sq: 'sq',
  square: 'sq',
  ct: 'ct',
  court: 'ct',
  ln: 'ln',
  lane: 'ln',
  dr: 'dr',
  drive: 'dr',
  pkwy: 'pkwy',
  parkway: 'pkwy',
  hwy: 'hwy',
  highway: 'hwy',
  ter: 'ter',
  terrace: 'ter',
  row: 'row',
  wharf: 'wharf',
  plaza: 'plaza',
  circle: 'cir',
  cir: 'cir',
};

const NAMED = /^(?:\d|\p{Lu})/u;

/** Sign, lane and manner words that read like a street to the parser: "One Way", "wrong way", "bus lane". */
const NOT_A_STREET = /^(?:one|wrong|any|other|the|this|that|no|dead|bus|bike|travel|turning|left|right|full|whole) (?:way|end|lanes?)$/i;

/**
 * The words from the last sentence break on ("...not working. River St" -> "River St"; a period after a short
 * capitalised word is an abbreviation: "Mass. Ave", "W. Milton St"), without the lower-case words swept in before a
 * capitalised name ("fell Mass Ave" -> "Mass Ave"). Undefined when the first street is sign or lane words ("One Way",
 * "bus lane"), or when nothing but a number and a street word is left ("taxi 443 drive").
 */
function trimLead(words: string): string | undefined {
  const sentences = words.split(/(?<=[!?;…]|\.\.|\b\p{Ll}{2,}\.|[\p{L}\p{N}]{5}\.)\s+/u);
  const tokens = sentences[sentences.length - 1].split(/\s+/);
  const first = tokens.findIndex((t, i) => NAMED.test(t) && !(i === tokens.length - 1 && KIND[plain(t)]));
  const firstStreet = (t: string[]) => t.join(' ').split(/\s+(?:&|near|by|off)\s+/)[0];
  if (NOT_A_STREET.test(firstStreet(tokens))) return undefined;
  const kept = first > 0 ? tokens.slice(first) : tokens;
  const street = firstStreet(kept);
  if (NOT_A_STREET.test(street)) return undefined;
  const named = street.split(/\s+/).filter((t, i, all) => !/^\d+[A-Za-z]?$/.test(t) && !(i === all.length - 1 && KIND[plain(t)]));
  return named.length ? kept.join(' ') : undefined;
}

async function namesAPlace(places: PlacesPort, words: string, language: Language): Promise<boolean> {
  const tokens = words.split(/\s+/);
  const named = tokens.some((t, i) => NAMED.test(t) && !(i === tokens.length - 1 && KIND[plain(t)]));
  if (named) return true;
  // All lower case: only a street the geocoder knows by this name and kind.
  const found = await places.locate(words, { language });
  if (!found) return false;
  const street = found.address.split(',')[0].toLowerCase().split(/\s+/);
  const kind = KIND[plain(tokens[tokens.length - 1])];
  return Boolean(kind) && KIND[street[street.length - 1]] === kind && street[0].startsWith(plain(tokens[0]));
}

function plain(word: string): string {
  return word.toLowerCase().replace(/[.,'’]/g, '');
}
