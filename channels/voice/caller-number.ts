/**
 * Placeholders Twilio puts in From for withheld caller ids: they spell ANONYMOUS, RESTRICTED, UNAVAILABLE,
 * UNKNOWN and BLOCKED on a keypad and must never be texted.
 */
const WITHHELD = new Set(['+266696687', '+7378742833', '+86282452253', '+8656696', '+2562533']);

/** A number we can text: E.164 and not a withheld caller id ("anonymous" and the like). */
export function textable(from: string): boolean {
  return /^\+[1-9]\d{7,14}$/.test(from) && !WITHHELD.has(from);
}
