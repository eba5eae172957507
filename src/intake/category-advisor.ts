import type { Catalog } from '../catalog/catalog';
import type { CategoryAdvice, CategoryAdvisor } from '../channels/port';
import type { Classifier, Language, Suggestion } from '../domain/classifier';

/**
 * The one rule for "confident enough to propose alone", shared by intake and every channel: the classifier must be
 * confident, and its top suggestion must be a real category of this city's catalog (not the catch-all, not one the
 * resident already rejected). A city catalog without `graffiti` never gets a `graffiti` case.
 */
export function confidentCategory(
  catalog: Pick<Catalog, 'has' | 'defaultServiceCode'>,
  classifier: Pick<Classifier, 'isConfident'>,
  suggestions: Suggestion[],
  exclude: readonly string[] = [],
): string | undefined {
  const top = suggestions[0]?.service_code;
  if (top === undefined || !classifier.isConfident(suggestions)) return undefined;
  if (top === catalog.defaultServiceCode || !catalog.has(top) || exclude.includes(top)) return undefined;
  return top;
}

/** Suggestions limited to the city's catalog, best first. */
export function catalogSuggestions(catalog: Pick<Catalog, 'has'>, suggestions: Suggestion[]): Suggestion[] {
  return suggestions.filter((s) => catalog.has(s.service_code));
}

export function categoryAdvisor(catalog: Catalog, classifier: Classifier): CategoryAdvisor {
  return {
    advise(text: string, language: Language, options: { exclude?: readonly string[] } = {}): CategoryAdvice {
      const all = text.trim() ? classifier.classify(text, { language }) : [];
      return { suggestions: catalogSuggestions(catalog, all), confident: confidentCategory(catalog, classifier, all, options.exclude) };
    },
    detectLanguage: (text) => classifier.detectLanguage(text),
  };
}
