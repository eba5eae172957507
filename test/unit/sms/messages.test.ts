import { messages, type SmsMessages } from '../../../channels/sms/messages';
import { messagingTwiml } from '../../../channels/sms/twiml';
import { loadCatalog } from '../../../src/catalog/catalog';
import { smsSize } from '../../../vendors/twilio/segments';
import { locales } from '../../support/locales';

const catalog = loadCatalog();
const longest = (lang: 'en' | 'es') =>
  catalog
    .codes()
    .map((c) => catalog.name(c, lang))
    .sort((a, b) => b.length - a.length)[0];

function render(m: SmsMessages, lang: 'en' | 'es'): Record<string, string> {
  const name = longest(lang);
  const four = catalog
    .codes()
    .slice(0, 3)
    .map((c) => catalog.name(c, lang))
    .concat(catalog.name('other', lang));
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(m)) {
    if (typeof value === 'string') out[key] = value;
  }
  Object.assign(out, {
    confirm: m.confirm(name),
    confirmRetry: m.confirmRetry(name),
    choose: m.choose(four),
    chooseRetry: m.chooseRetry(four),
    created: m.created(1234567, name),
    linked: m.linked(1234567, name),
    photoAdded: m.photoAdded(1234567),
    detailAdded: m.detailAdded(1234567),
    status: m.status(1234567, name, 'in_progress', 'x'.repeat(100)),
    statusUnknown: m.statusUnknown(1234567),
    followed: m.followed(1234567, name),
    followUnknown: m.followUnknown(1234567),
    madePrivate: m.madePrivate(1234567),
    confirmPlace: m.confirmPlace('1234 Commonwealth Ave, Allston/Brighton'),
    confirmPlaceRetry: m.confirmPlaceRetry('1234 Commonwealth Ave, Allston/Brighton'),
  });
  return out;
}

describe('SMS texts', () => {
  // The default city, and the longest CITY_NAME the settings accept with a full phone number.
  const cities = [
    { name: 'Boston', phone: '311' },
    { name: 'Sample City of North Springfield Heights', phone: '+1 (217) 555-0100' },
  ];
  it.each(['en', 'es'] as const)('fit in at most two SMS segments (%s), even with the longest category and city names', (lang) => {
    for (const city of cities) {
      const over = Object.entries(render(messages(locales, lang, city), lang)).filter(
        ([key, text]) => smsSize(text).segments > (key === 'status' ? 3 : 2),
      );
      expect(over).toEqual([]);
    }
  });

  it.each(['en', 'es'] as const)('HELP names the city and its phone line (%s)', (lang) => {
    const m = messages(locales, lang, { name: 'Springfield', phone: '+1 217 555 0100' });
    expect(m.help).toContain('Springfield 311');
    expect(m.help).toContain('+1 217 555 0100');
    expect(m.optedIn).toContain('Springfield 311');
  });

  it('writes TwiML with one Message per text, escaped, and drops characters XML cannot carry', () => {
    expect(messagingTwiml([])).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    expect(messagingTwiml(['a < b & "c"', 'two\u0001'])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>a &lt; b &amp; &quot;c&quot;</Message><Message>two</Message></Response>',
    );
  });
});
