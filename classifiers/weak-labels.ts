/**
 * Boston files many specific problems under "other" (about a quarter of its "other" reports name a
 * sidewalk, a tree, noise, a dead animal...). Trained as-is, the model would learn that "tree" means
 * "other". A report labelled "other" that names exactly one specific problem is relabelled to it
 * (weak supervision, down-weighted by the trainer); one naming several is dropped as ambiguous.
 */
import { normalizeText } from './normalize';

/** Unambiguous cues per code, matched on normalised text (see normalize.ts: "pot hole" is "pothole"). */
const CUES: Record<string, RegExp> = {
  pothole: /\bpothole\b/,
  streetlight: /\bstreetlights?\b|\blights? (?:is |are )?out\b|\blamp ?posts?\b/,
  graffiti: /\bgraffiti\b|\bspray ?paint(?:ed)?\b|\btagg(?:ed|ing)\b/,
  'trash-collection':
    /\bmissed (?:trash|pick ?ups?|recycling|collection)\b|\b(?:trash|recycling|garbage) (?:has |have |was |were )?not (?:been )?picked up\b|\b(?:no|missed) (?:trash|recycling|garbage|yard waste) pick ?up\b|\b(?:trash|recycling|yard waste|bulk item) pick ?up\b/,
  'litter-dumping': /\blitter(?:ing)?\b|\bdump(?:ed|ing)\b|\bmattress(?:es)?\b/,
  'street-sidewalk':
    /\b(?:broken|cracked|uneven|damaged|raised|heaved|crumbling) (?:sidewalk|curb|road|pavement)s?\b|\bsidewalk (?:is |are )?(?:broken|cracked|uneven|damaged|raised|heaved)\b|\btrip(?:ping)? hazard\b/,
  'sign-signal':
    /\bcross ?walk (?:is |was )?(?:not |faded|worn|restriped|repaint)|\b(?:stop|street|yield|speed limit|one way) signs?\b|\btraffic (?:light|signal)s?\b|\b(?:walk|pedestrian|crosswalk) signals?\b/,
  tree: /\btrees?\b|\bbranch(?:es)?\b|\blimbs?\b|\bstumps?\b/,
  noise: /\bnoise\b|\bloud (?:music|party|parties|bass)\b|\bjack ?hammer(?:ing)?\b|\bbarking\b/,
  'dead-animal': /\bdead (?:animal|rat|raccoon|bird|squirrel|deer|cat|dog|skunk|possum|opossum|rabbit|pigeon|goose|fox)s?\b/,
  'water-sewer':
    /\bsewer\b|\bcatch ?basins?\b|\bwater main\b|\bstorm drains?\b|\bmanholes?\b|\bflooding\b|\b(?:fire )?hydrants? (?:is |are )?(?:open|leaking|broken)\b/,
  parks: /\bplaygrounds?\b|\bdog park\b|\bpark bench(?:es)?\b|\bin the park\b/,
};

/**
 * The specific code an "other" report names, `null` if it names none (it stays "other"), or
 * `'ambiguous'` if it names several (it is dropped). Codes missing from `codes` are ignored.
 */
export function weakLabel(text: string, codes: ReadonlySet<string>): string | null | 'ambiguous' {
  const normalized = normalizeText(text);
  const named = Object.keys(CUES).filter((code) => codes.has(code) && CUES[code].test(normalized));
  if (named.length === 0) return null;
  return named.length === 1 ? named[0] : 'ambiguous';
}
