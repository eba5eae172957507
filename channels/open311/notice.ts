import type { Language } from '../../src/domain/classifier';
import type { Locales } from '../../src/domain/locale';

/**
 * The service_notice a POST answers with, in the request's language (the `open311` section of its locale): the
 * tracking number, whether it was already reported, and how updates come.
 */
export function serviceNotice(locales: Locales, kind: 'created' | 'linked', id: number, lang: Language, bySms: boolean): string {
  const t = locales.in(lang, 'open311');
  return `${t(kind, { id })} ${bySms ? t('bySms') : t('checkUpdates', { id })}`;
}
