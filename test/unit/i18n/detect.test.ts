/** Detection over the enabled locales, on short texts residents send (our own words). */
import { loadLocales, localeDetector } from '../../../src/i18n';

const detect = localeDetector(loadLocales());

describe('detecting the language of a first message, among the enabled locales', () => {
  it.each([
    ['pothole on my street', 'en'],
    ['light out', 'en'],
    ['no wait, 500 Columbus Ave', 'en'],
    ['pothole Boylston St & Tremont St', 'en'],
    ['hay un bache en mi calle', 'es'],
    ['la luz no prende', 'es'],
    ['xfa q arreglen el hoyo d la esquina', 'es'],
    ['gen yon gwo twou nan lari a', 'ht'],
    ['fatra a poko ranmase depi 2 semèn', 'ht'],
    ['tem um buraco na minha rua', 'pt'],
    ['o lixo não foi recolhido esta semana', 'pt'],
    ['路灯坏了', 'zh-Hans'],
    ['这里的垃圾没有人收', 'zh-Hans'],
    ['路燈壞了', 'zh-Hant'],
    ['這裡的垃圾沒有人收', 'zh-Hant'],
    ['đèn đường bị hư', 'vi'],
    ['rac chua duoc thu gom truoc nha toi', 'vi'],
    ['не горит фонарь', 'ru'],
    ['حفرة في الشارع', 'ar'],
    ['il y a un trou dans la rue devant chez moi', 'fr'],
    ['les poubelles ne sont pas ramassées depuis une semaine', 'fr'],
  ])('"%s" is %s', (text, language) => {
    expect(detect(text)).toBe(language);
  });

  it('falls back to the default language when there is nothing to go on', () => {
    expect(detect('')).toBe('en');
    expect(detect('123 !!!')).toBe('en');
    expect(detect('12 Elm St')).toBe('en');
  });

  it('only ever answers an enabled language', () => {
    const enEs = localeDetector(loadLocales(['en', 'es']));
    expect(enEs('gen yon gwo twou nan lari a')).toBe('en');
    expect(enEs('路灯坏了')).toBe('en');
    expect(localeDetector(loadLocales(['en', 'zh-Hant']))('路灯坏了')).toBe('zh-Hant');
  });
});
