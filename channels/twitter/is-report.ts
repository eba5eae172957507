import type { CategoryAdvisor } from '../../src/channels/port';
import type { Language } from '../../src/domain/classifier';

/** Gratitude, praise and "it's fixed" news, in English and Spanish: "thanks!", "you rock", "lights are back on". */
const PRAISE =
  /\b(thanks?|good news|back on|fixed|arreglad[oa]|thank (?:you|u)|thx|ty|gracias|great (?:job|work)|good (?:job|work)|nice (?:job|work)|well done|awesome|amazing|you rock|you guys rock|love (?:it|you|this)|kudos|appreciated?|bravo|excellent|buen trabajo|excelente)\b|[👍🙏👏❤💯]/iu;

/** Words that turn a thank-you into a report: "thanks, but it's still broken". */
const PROBLEM_CUE =
  /\b(still|again|never|not (?:been )?fixed|isn'?t fixed|broken|but|however|please|pls|plz|need|needs|can (?:you|someone|somebody)|could (?:you|someone|somebody)|when will|todav[ií]a|por favor|roto|sigue)\b/i;

/** Fewer words than this, with no photo and nothing the model recognises, is chatter ("hello?", "@BOS311 lol"). */
const MIN_WORDS = 6;

export interface ReportVerdict {
  report: boolean;
  /** Why a tweet was not taken as a report; kept with the inbound message for staff. */
  reason?: 'empty' | 'praise' | 'too short';
}

/**
 * Whether a mention reports a problem. The city's account gets thanks, praise and banter; those must not
 * become cases. Small rules first, then the classifier's confidence and the length of what is left.
 */
export function judgeMention(
  text: string,
  signals: { hasPhotos: boolean; hasAddress: boolean; language: Language },
  categories: Pick<CategoryAdvisor, 'advise'>,
): ReportVerdict {
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0 && !signals.hasPhotos) return { report: false, reason: 'empty' };
  if (PRAISE.test(text) && !PROBLEM_CUE.test(text)) return { report: false, reason: 'praise' };
  if (signals.hasPhotos || signals.hasAddress) return { report: true };
  const confident = words.length > 0 && categories.advise(text, signals.language).confident !== undefined;
  if (!confident && words.length < MIN_WORDS) return { report: false, reason: 'too short' };
  return { report: true };
}
