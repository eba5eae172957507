/** Languages as data: the enabled locales, and the language detector restricted to them. */
import { createLanguageDetector } from '../../classifiers/language';
import type { Classifier, Language } from '../domain/classifier';
import type { Locales } from '../domain/locale';

export { BUNDLED_LOCALES_DIR, loadLocales, readLocaleFiles } from './load-locales';

/** A detector over the enabled locales (their script and `meta.detect` cues), the default locale winning ties. */
export function localeDetector(locales: Locales): (text: string) => Language {
  return createLanguageDetector(
    locales.files.map((f) => ({ code: f.code, script: f.meta.script, franc: f.meta.detect.franc, cues: f.meta.detect.cues })),
  );
}

/**
 * The classifier, answering "which language?" over the city's enabled locales rather than the model's own two.
 * Categories are still the model's: it reads the language as a hint.
 */
export function withLocaleDetection(classifier: Classifier, locales: Locales): Classifier {
  const detect = localeDetector(locales);
  return {
    get version() {
      return classifier.version;
    },
    classify: (text, options) => classifier.classify(text, options),
    detectLanguage: detect,
    isConfident: (suggestions) => classifier.isConfident(suggestions),
  };
}
