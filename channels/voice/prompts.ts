import type { Language } from '../../src/domain/classifier';
import type { Locales } from '../../src/domain/locale';

/** Everything the caller hears, in their language. Kept short: callers cannot scroll back. */
export interface Prompts {
  describe: string;
  describeNoTone: string;
  notHeard: string;
  notUnderstood: string;
  offerMessage: string;
  noMessage: string;
  askAddress: string;
  askStreet: string;
  heardAddress: (address: string) => string;
  oneMoment: string;
  suggested: (name: string) => string;
  choose: string;
  option: (name: string, digit: number) => string;
  somethingElse: string;
  staffWillCategorise: string;
  trackingNumber: (digits: string) => string;
  trackingAgain: (digits: string) => string;
  offerUpdates: string;
  willText: string;
  /** After the tracking number: the caller may keep the report off the public map. */
  offerPrivate: string;
  keptPrivate: string;
  goodbye: string;
  /** Something failed on our side (the database is down): nothing was filed, call again later. */
  tryLater: string;
  /** The calling number has called too often in a short time. */
  tooManyCalls: string;
}

/** Everything the caller hears in a language: the `voice` section of its locale file. */
export function prompts(locales: Locales, lang: Language): Prompts {
  const t = locales.in(lang, 'voice');
  return {
    describe: t('describe'),
    describeNoTone: t('describeNoTone'),
    notHeard: t('notHeard'),
    notUnderstood: t('notUnderstood'),
    offerMessage: t('offerMessage'),
    noMessage: t('noMessage'),
    askAddress: t('askAddress'),
    askStreet: t('askStreet'),
    heardAddress: (address) => t('heardAddress', { address }),
    oneMoment: t('oneMoment'),
    suggested: (name) => t('suggested', { name }),
    choose: t('choose'),
    option: (name, digit) => t('option', { name, digit }),
    somethingElse: t('somethingElse'),
    staffWillCategorise: t('staffWillCategorise'),
    trackingNumber: (digits) => t('trackingNumber', { digits }),
    trackingAgain: (digits) => t('trackingAgain', { digits }),
    offerUpdates: t('offerUpdates'),
    willText: t('willText'),
    offerPrivate: t('offerPrivate'),
    keptPrivate: t('keptPrivate'),
    goodbye: t('goodbye'),
    tryLater: t('tryLater'),
    tooManyCalls: t('tooManyCalls'),
  };
}

/** A number read digit by digit ("1, 0, 0, 0, 4, 2"): text-to-speech would otherwise say "one hundred thousand...". */
export function digitByDigit(n: number | string): string {
  return String(n).split('').join(', ');
}
