/**
 * Finds street names inside a resident's tokens: with or without a suffix ("Tremont", "Tremont St"), with a
 * wrong suffix ("Tremont Ave"), without the directional ("Broadway" for W Broadway), and with typos
 * ("Tremnot St", by edit distance via fastest-levenshtein, only when a suffix shows a street is meant).
 */
import { distance } from 'fastest-levenshtein';
import { isCommonBase, isLetterName } from './common-words';
import { placeWords } from './place-words';
import { baseWords, isSuffix, nameWords, streetKeyWords, undirected } from './street-key';
import type { Token } from './tokens';

export interface StreetMatch {
  /** Token span [start, end). */
  start: number;
  end: number;
  /** Candidate street ids, most attested first. */
  ids: number[];
  /** The canonical suffix the resident wrote, if any. */
  suffix?: string;
  /** How the name matched: whole name, name without (or with another) suffix, directional dropped, or by edit distance. */
  how: 'exact' | 'bare' | 'other-suffix' | 'undirected' | 'fuzzy';
  /** The base words were capitalised by the resident. */
  cap: boolean;
  /** Every word, the suffix too, was capitalised ("Travel Lane", not "travel lane"). */
  allCap: boolean;
  /** The base is an everyday word too (see common-words.ts). */
  common: boolean;
}

const MAX_WORDS = 6;
/** Words that end a street name: "Fleet Street and North Street" is two names. ("of", "de", "the" stay: "Avenue De Lafayette".) */
const BREAKS = new Set([
  'and',
  'or',
  'at',
  'between',
  'near',
  'by',
  'from',
  'to',
  'y',
  'en',
  'in',
  'is',
  'was',
  'are',
  'has',
  'have',
  'it',
  'with',
  'for',
  'por',
  'con',
  'but',
  'entre',
  // Other languages' "and" ("et", "ak", "và"); one-letter ones ("e") would also end "E Broadway" before it starts.
  ...[...placeWords().and].filter((w) => /^[a-z]{2,}$/.test(w)),
]);

function push<T>(map: Map<string, T[]>, key: string, id: T): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

/** Whether b is a with two adjacent letters swapped. */
function swapsTwoLetters(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

export class StreetNames {
  private readonly byKey = new Map<string, number[]>();
  private readonly byBase = new Map<string, number[]>();
  private readonly byUndirected = new Map<string, number[]>();
  private readonly suffixOfId: Array<string | undefined> = [];
  /** Bases grouped by first letter, for the typo search. */
  private readonly basesByLetter = new Map<string, string[]>();

  /** `weight(id)`: how well attested a street is (its address count), to order candidates. */
  constructor(names: string[], weight: (id: number) => number) {
    names.forEach((name, id) => {
      const key = streetKeyWords(nameWords(name));
      const base = baseWords(key);
      this.suffixOfId[id] = base.length < key.length ? key[key.length - 1] : undefined;
      push(this.byKey, key.join(' '), id);
      const baseKey = base.join(' ');
      if (!this.byBase.has(baseKey)) push(this.basesByLetter, baseKey[0], baseKey);
      push(this.byBase, baseKey, id);
      const bare = undirected(base);
      if (bare) push(this.byUndirected, bare.join(' '), id);
    });
    const order = (ids: number[]) => ids.sort((a, b) => weight(b) - weight(a));
    for (const map of [this.byKey, this.byBase, this.byUndirected]) for (const ids of map.values()) order(ids);
  }

  private preferSuffix(ids: number[], suffix: string | undefined): number[] {
    const same = ids.filter((id) => this.suffixOfId[id] === suffix);
    return same.length ? same : ids;
  }

  private fuzzy(base: string, suffix: string): number[] {
    if (base.length < 4) return [];
    const limit = base.length >= 8 ? 2 : 1;
    let best = limit + 1;
    let hits: string[] = [];
    for (const candidate of this.basesByLetter.get(base[0]) ?? []) {
      if (Math.abs(candidate.length - base.length) > limit) continue;
      // Two letters swapped ("Tremnot") is one slip of the fingers, though Levenshtein counts two edits.
      const edits = distance(base, candidate);
      const d = edits === 2 && swapsTwoLetters(base, candidate) ? 1 : edits;
      if (d > limit) continue;
      if (d < best) {
        best = d;
        hits = [candidate];
      } else if (d === best) hits.push(candidate);
    }
    const ids = hits.flatMap((h) => this.byBase.get(h)!);
    return this.preferSuffix(ids, suffix);
  }

  /** The longest street name starting at token i, or undefined. `impliedSuffix`: the suffix a word before it implies ("calle" -> st). */
  matchAt(tokens: Token[], i: number, impliedSuffix?: string): StreetMatch | undefined {
    let end = i;
    while (
      end < tokens.length &&
      end - i < MAX_WORDS &&
      !tokens[end].number &&
      /^[a-z]|^\d+(st|nd|rd|th)$/.test(tokens[end].norm) &&
      !BREAKS.has(tokens[end].norm)
    )
      end++;
    for (let j = end; j > i; j--) {
      const span = tokens.slice(i, j);
      const key = streetKeyWords(span.map((t) => t.norm));
      const base = baseWords(key);
      const suffix = base.length < key.length ? key[key.length - 1] : undefined;
      if (!suffix && isLetterName(base)) continue;
      const found = this.lookup(key, base, suffix, impliedSuffix);
      if (!found) continue;
      const baseTokens = span.slice(0, base.length);
      // "calle Centre": the Spanish word stands for the suffix the resident did not write.
      const given = suffix ?? (found.how === 'exact' && impliedSuffix && this.suffixOfId[found.ids[0]] === impliedSuffix ? impliedSuffix : undefined);
      return {
        start: i,
        end: j,
        suffix: given,
        ...found,
        cap: baseTokens.every((t) => t.cap),
        allCap: span.every((t) => t.cap),
        common: isCommonBase(base),
      };
    }
    return undefined;
  }

  private lookup(key: string[], base: string[], suffix: string | undefined, implied?: string): Pick<StreetMatch, 'ids' | 'how'> | undefined {
    const exact = this.byKey.get(key.join(' '));
    if (exact && (suffix || !implied)) return { ids: exact, how: 'exact' };
    const baseKey = base.join(' ');
    if (!suffix && implied) {
      const withImplied = this.byKey.get(`${baseKey} ${implied}`);
      if (withImplied) return { ids: withImplied, how: 'exact' };
    }
    if (exact) return { ids: exact, how: 'exact' };
    const sameBase = this.byBase.get(baseKey);
    if (sameBase) return { ids: this.preferSuffix(sameBase, suffix ?? implied), how: suffix ? 'other-suffix' : 'bare' };
    const dropped = this.byUndirected.get(baseKey);
    if (dropped) return { ids: this.preferSuffix(dropped, suffix ?? implied), how: 'undirected' };
    // "Hyde Park" for Hyde Park Ave: the word read as a suffix is part of the name.
    const whole = suffix ? this.byBase.get(key.join(' ')) : undefined;
    if (whole) return { ids: whole, how: 'bare' };
    // A typo is only corrected where a suffix, written or implied ("calle", "Humbolt and Seaver streets"), shows a street is meant.
    const shown = suffix ?? implied;
    if (shown && base.length <= 2 && !isSuffix(base[base.length - 1])) {
      const ids = this.fuzzy(baseKey, shown);
      if (ids.length) return { ids, how: 'fuzzy' };
    }
    return undefined;
  }
}
