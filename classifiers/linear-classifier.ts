/** The Classifier port (src/domain/classifier.ts) over a trained LinearModel. */
import type { Classifier, Language, Suggestion } from '../src/domain/classifier';
import { extractFeatures } from './features';
import { detectLanguage } from './language';
import { LinearModel, ModelFile } from './model';

/** Options of the classifier; the confidence defaults were checked on the cross-city validation (validate.ts). */
export interface LinearClassifierOptions {
  /** Most suggestions returned. Default 5. */
  maxSuggestions?: number;
  /** Suggestions below this confidence are left out (the best one is always kept). Default 0.02. */
  minConfidence?: number;
  /** isConfident needs the best suggestion at or above this. Default 0.55. */
  confidentAt?: number;
  /** isConfident needs the best to lead the second by at least this. Default 0.2. */
  confidentMargin?: number;
}

export class LinearClassifier implements Classifier {
  readonly version: string;
  private readonly model: LinearModel;
  private readonly options: Required<LinearClassifierOptions>;

  constructor(file: ModelFile, options: LinearClassifierOptions = {}) {
    this.model = new LinearModel(file);
    this.version = file.version;
    this.options = { maxSuggestions: 5, minConfidence: 0.02, confidentAt: 0.55, confidentMargin: 0.2, ...options };
  }

  classify(text: string, options: { language?: Language } = {}): Suggestion[] {
    const language = options.language ?? detectLanguage(text);
    const probabilities = this.model.probabilities(extractFeatures(text, language));
    const ranked = this.model.codes
      .map((service_code, c) => ({ service_code, confidence: Math.round(probabilities[c] * 1e4) / 1e4 }))
      .sort((a, b) => b.confidence - a.confidence || a.service_code.localeCompare(b.service_code));
    return ranked
      .slice(0, this.options.maxSuggestions)
      .filter((s, i) => i === 0 || s.confidence >= this.options.minConfidence);
  }

  detectLanguage(text: string): Language {
    return detectLanguage(text);
  }

  isConfident(suggestions: Suggestion[]): boolean {
    const [best, second] = suggestions;
    if (best === undefined) return false;
    return best.confidence >= this.options.confidentAt && best.confidence - (second?.confidence ?? 0) >= this.options.confidentMargin;
  }
}
