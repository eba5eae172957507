/** The classifier port: what intake and channels need from a category model. */

import type { LocaleCode } from './locale';

/** A language intake311 converses in: the code of an enabled locale (locales/<code>.json, LANGUAGES). */
export type Language = LocaleCode;

/** One suggested category, with the model's confidence in it (0..1). */
export interface Suggestion {
  service_code: string;
  confidence: number;
}

export interface Classifier {
  /** A stable name for the model that produced suggestions, stored on the case. */
  readonly version: string;
  /**
   * Suggested service codes, best first; confidences are in 0..1 and sum to at most 1.
   * `language` is the conversation's language when known; otherwise it is detected.
   */
  classify(text: string, options?: { language?: Language }): Suggestion[];
  /** Best guess of the language a resident wrote in. */
  detectLanguage(text: string): Language;
  /**
   * True when the top suggestion is confident enough to propose alone; when false, channels
   * ask the resident to choose among the top 2-3 instead of guessing.
   */
  isConfident(suggestions: Suggestion[]): boolean;
}
