import type { TextBudget } from './text-budget';

/**
 * One piece of a message. Required pieces (the tracking number sentence) are always kept whole;
 * a `shrink` piece (status notes) is cut at a word with "..." to make room; `drop` pieces (links, the
 * address, a thank-you) go when nothing else helps, lowest number first.
 */
export interface Part {
  text: string;
  shrink?: boolean;
  drop?: number;
}

/** Notes shorter than this say too little to be worth keeping over a link. */
const MIN_NOTE_LENGTH = 40;
const ELLIPSIS = '...';

function join(parts: Part[]): string {
  return parts
    .map((p) => p.text.trim())
    .filter(Boolean)
    .join(' ');
}

function cut(text: string, length: number): string {
  if (text.length <= length) return text;
  const room = text.slice(0, Math.max(0, length - ELLIPSIS.length));
  const atWord = room.replace(/\s+\S*$/, '');
  return `${(atWord.length >= room.length * 0.6 ? atWord : room).replace(/[\s,;:.-]+$/, '')}${ELLIPSIS}`;
}

/** The longest cut of the shrinkable part (at least `min` long) that fits, or undefined. */
function shrinkToFit(parts: Part[], budget: TextBudget, min: number): string | undefined {
  const i = parts.findIndex((p) => p.shrink);
  if (i < 0) return undefined;
  const full = parts[i].text;
  const withLength = (n: number) => join(parts.map((p, j) => (j === i ? { text: cut(full, n) } : p)));
  let lo = Math.min(min, full.length);
  if (!budget.fits(withLength(lo))) return undefined;
  let hi = full.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (budget.fits(withLength(mid))) lo = mid;
    else hi = mid - 1;
  }
  return withLength(lo);
}

/**
 * Joins the parts into the fullest message that fits the budget: first shortening the notes, then dropping
 * optional parts one by one, then the notes. Required parts are never cut: if they alone do not fit, they
 * are returned whole and the provider decides (a tracking number cut in half helps nobody).
 */
export function compose(parts: Part[], budget: TextBudget): string {
  let current = parts.map((p) => ({ ...p, text: budget.prepare(p.text) }));
  const dropOrder = current.filter((p) => p.drop !== undefined).sort((a, b) => (a.drop as number) - (b.drop as number));
  for (let dropped = 0; ; dropped++) {
    const whole = join(current);
    if (budget.fits(whole)) return whole;
    const shrunk = shrinkToFit(current, budget, MIN_NOTE_LENGTH);
    if (shrunk) return shrunk;
    if (dropped >= dropOrder.length) break;
    const victim = dropOrder[dropped];
    current = current.filter((p) => p !== victim);
  }
  const withoutNotes = current.filter((p) => !p.shrink);
  return shrinkToFit(current, budget, 1) ?? join(withoutNotes);
}
