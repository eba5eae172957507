import { messages, type SmsMessages } from '../../../channels/sms/messages';
import { loadCatalog } from '../../../src/catalog/catalog';
import type { Language } from '../../../src/domain/classifier';
import { smsSize } from '../../../vendors/twilio/segments';
import { locales } from '../../support/locales';

const catalog = loadCatalog(undefined, locales);

/** Every SMS reply, filled with the given values. */
function every(m: SmsMessages, v: { name: string; four: string[]; id: number; address: string; notes: string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(m)) if (typeof value === 'string') out[key] = value;
  return Object.assign(out, {
    confirm: m.confirm(v.name),
    confirmRetry: m.confirmRetry(v.name),
    choose: m.choose(v.four),
    chooseRetry: m.chooseRetry(v.four),
    created: m.created(v.id, v.name),
    linked: m.linked(v.id, v.name),
    photoAdded: m.photoAdded(v.id),
    detailAdded: m.detailAdded(v.id),
    status: m.status(v.id, v.name, 'in_progress', v.notes),
    statusUnknown: m.statusUnknown(v.id),
    followed: m.followed(v.id, v.name),
    followUnknown: m.followUnknown(v.id),
    madePrivate: m.madePrivate(v.id),
    confirmPlace: m.confirmPlace(v.address),
    confirmPlaceRetry: m.confirmPlaceRetry(v.address),
  });
}

/** The worst case: the language's longest category name, a 7-digit tracking number, a long address and city. */
function worst(lang: Language): Record<string, string> {
  const names = catalog.codes().map((c) => catalog.name(c, lang));
  const four = catalog
    .codes()
    .slice(0, 3)
    .concat('other')
    .map((c) => catalog.name(c, lang));
  const m = messages(locales, lang, { name: 'Sample City of North Springfield Heights', phone: '+1 (217) 555-0100' });
  return every(m, {
    name: names.sort((a, b) => b.length - a.length)[0],
    four,
    id: 1234567,
    address: '1234 Commonwealth Ave, Allston/Brighton',
    notes: '',
  });
}

describe('SMS segments per language', () => {
  it.each(locales.codes)('%s: every reply fits two segments, with the longest names, a 7-digit number and a long address', (lang) => {
    const over = Object.entries(worst(lang))
      .map(([key, text]) => ({ key, ...smsSize(text) }))
      .filter((s) => s.segments > 2);
    expect(over).toEqual([]);
  });

  it.each(locales.codes)('%s: a status with a long staff note fits three segments', (lang) => {
    const m = messages(locales, lang, { name: 'Boston', phone: '311' });
    expect(smsSize(m.status(1234567, catalog.name('streetlight', lang), 'in_progress', 'x'.repeat(100))).segments).toBeLessThanOrEqual(3);
  });

  it('Spanish: one UCS-2 segment (70 characters) for every ordinary reply; HELP and the category list alone take two', () => {
    const m = messages(locales, 'es', { name: 'Boston', phone: '311' });
    const four = ['pothole', 'streetlight', 'graffiti', 'other'].map((c) => catalog.name(c, 'es'));
    const ordinary = every(m, { name: catalog.name('pothole', 'es'), four, id: 1234567, address: '12 Elm St, Dorchester', notes: 'Martes' });
    const two = Object.entries(ordinary)
      .filter(([, text]) => smsSize(text).segments > 1)
      .map(([key]) => key)
      .sort();
    expect(two).toEqual(['choose', 'chooseRetry', 'help']);
    for (const text of Object.values(ordinary)) expect(smsSize(text).segments).toBeLessThanOrEqual(2);
  });
});
