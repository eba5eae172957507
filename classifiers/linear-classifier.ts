/** The Classifier port (src/domain/classifier.ts) over a trained LinearModel. */
import type { Classifier, Language, Suggestion } from '../src/domain/classifier';
import { type ConfidenceRule, DEFAULT_CONFIDENCE_RULE, passesRule } from './confidence-rule';
import { extractFeatures } from './features';
import { detectLanguage } from './language';
import { LinearModel, type ModelFile } from './model';

/** Options of the classifier; the confidence rule defaults to DEFAULT_CONFIDENCE_RULE (confidence-rule.ts). */
export interface LinearClassifierOptions extends Partial<ConfidenceRule> {
  /** Most suggestions returned. Default 5. */
  maxSuggestions?: number;
  /** Suggestions below this confidence are left out (the best one is always kept). Default 0.02. */
  minConfidence?: number;
}

export class LinearClassifier implements Classifier {
  readonly version: string;
  private readonly model: LinearModel;
  private readonly options: Required<LinearClassifierOptions>;

  constructor(file: ModelFile, options: LinearClassifierOptions = {}) {
    this.model = new LinearModel(file);
    this.version = file.version;
    this.options = { maxSuggestions: 5, minConfidence: 0.02, ...DEFAULT_CONFIDENCE_RULE, ...options };
  }

  /** `language` is a locale code ("vi", "zh-Hant"); one without a glossary in locales/ is read as English. */
  classify(text: string, options: { language?: string } = {}): Suggestion[] {
    const language = options.language ?? detectLanguage(text);
    const probabilities = this.model.probabilities(extractFeatures(text, language));
    const ranked = this.model.codes
      .map((service_code, c) => ({ service_code, confidence: Math.round(probabilities[c] * 1e4) / 1e4 }))
      .sort((a, b) => b.confidence - a.confidence || a.service_code.localeCompare(b.service_code));
    return ranked.slice(0, this.options.maxSuggestions).filter((s, i) => i === 0 || s.confidence >= this.options.minConfidence);
  }

  detectLanguage(text: string): Language {
    return detectLanguage(text);
  }

  isConfident(suggestions: Suggestion[]): boolean {
    return passesRule(suggestions, this.options);
  }
}
