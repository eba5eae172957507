/**
 * How far isConfident can be trusted: on labelled examples, the share of reports the rule calls
 * confident (coverage: no question asked), how often those are right (precision: a wrong code sent
 * straight to a crew otherwise), and how often the ask-to-choose list holds the right code when it is not.
 */
import type { Classifier, Suggestion } from '../src/domain/classifier';
import { type ConfidenceRule, passesRule } from './confidence-rule';
import type { Example } from './dataset';

/** Suggestions for one labelled example. */
export interface Scored {
  label: string;
  suggestions: Suggestion[];
}

export interface ConfidenceFigures {
  rule: ConfidenceRule;
  /** Share of examples the rule calls confident (0..1). */
  coverage: number;
  /** Share of confident answers whose top code is the label (0..1; 0 when none is confident). */
  precision: number;
  /** Share of the other examples whose label is among the top `choices` suggestions offered to the resident. */
  choiceHit: number;
}

/** How many suggestions a channel offers when it asks the resident to choose. */
export const CHOICES_OFFERED = 3;

/** Classifies every example labelled with one of `codes`. */
export function scoreExamples(classifier: Classifier, examples: Example[], codes: string[]): Scored[] {
  const known = new Set(codes);
  return examples.filter((e) => known.has(e.category)).map((e) => ({ label: e.category, suggestions: classifier.classify(e.text) }));
}

/** Coverage, precision and choice-list hit rate of `rule` over scored examples. */
export function confidenceFigures(scored: Scored[], rule: ConfidenceRule): ConfidenceFigures {
  let confident = 0;
  let confidentRight = 0;
  let unsure = 0;
  let unsureListed = 0;
  for (const { label, suggestions } of scored) {
    if (passesRule(suggestions, rule)) {
      confident++;
      if (suggestions[0].service_code === label) confidentRight++;
    } else {
      unsure++;
      if (suggestions.slice(0, CHOICES_OFFERED).some((s) => s.service_code === label)) unsureListed++;
    }
  }
  return {
    rule,
    coverage: scored.length ? confident / scored.length : 0,
    precision: confident ? confidentRight / confident : 0,
    choiceHit: unsure ? unsureListed / unsure : 0,
  };
}

/** Alternative rules printed beside the default, so a change of default can be argued from figures. */
export const CANDIDATE_RULES: ConfidenceRule[] = [0.4, 0.5, 0.6, 0.7, 0.8].flatMap((confidentAt) =>
  [0.1, 0.25, 0.4].map((confidentMargin) => ({ confidentAt, confidentMargin })),
);
