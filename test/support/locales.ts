/** The shipped locale files, every one enabled (the default LANGUAGES), loaded once per test file. */
import { loadLocales } from '../../src/i18n';

export const locales = loadLocales();
