import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../../src/catalog/catalog';
import { loadConfig } from '../../../src/config';
import type { Texts } from '../../../src/domain/locale';
import { placeholders } from '../../../src/domain/locale';
import type { InboundReport } from '../../../src/domain/types';
import { BUNDLED_LOCALES_DIR, loadLocales, readLocaleFiles } from '../../../src/i18n';
import { buildIntakeInput, type IntakeInputDeps } from '../../../src/intake/intake-input';
import { KeywordClassifier } from '../../support/keyword-classifier';

/** Every string of a locale, by its dotted key. */
function flatten(texts: Texts, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(texts)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const files = readLocaleFiles();
const english = flatten(files.get('en')!.texts);
const others = [...files.keys()].filter((c) => c !== 'en');

describe('locale files', () => {
  it('ship Boston’s languages and more', () => {
    expect([...files.keys()].sort()).toEqual(['ar', 'en', 'es', 'fr', 'ht', 'pt', 'ru', 'vi', 'zh-Hans', 'zh-Hant']);
  });

  it.each(others)('%s has every string English has, and no other', (code) => {
    const own = flatten(files.get(code)!.texts);
    expect([...english.keys()].filter((k) => !own.has(k))).toEqual([]);
    expect([...own.keys()].filter((k) => !english.has(k))).toEqual([]);
  });

  it.each(others)('%s fills the same placeholders as English, no unknown or missing ones', (code) => {
    const own = flatten(files.get(code)!.texts);
    const wrong = [...english].filter(([k, en]) => own.has(k) && placeholders(own.get(k)!).join() !== placeholders(en).join());
    expect(wrong.map(([k]) => `${k}: ${placeholders(own.get(k)!).join()} vs ${placeholders(english.get(k)!).join()}`)).toEqual([]);
  });

  it.each([...files.keys()])('%s says how it is written, spoken and switched to', (code) => {
    const { meta } = files.get(code)!;
    expect(meta.dir).toBe(code === 'ar' ? 'rtl' : 'ltr');
    expect(meta.voice.speech).toMatch(/^[a-z]{2,3}(-[A-Za-z]{2,4})+$/);
    expect(meta.switch.length).toBeGreaterThan(0);
    // HELP and STATUS words exist in every language (STOP stays Twilio's own where a language has none).
    expect(meta.keywords.help.length).toBeGreaterThan(0);
    expect(meta.keywords.status.length).toBeGreaterThan(0);
  });

  it('names the Google Speech-to-Text codes and Twilio voices the issue asks for', () => {
    const speech = Object.fromEntries([...files].map(([c, f]) => [c, f.meta.voice.speech]));
    expect(speech).toMatchObject({
      es: 'es-US',
      ht: 'ht-HT',
      pt: 'pt-BR',
      'zh-Hans': 'cmn-Hans-CN',
      'zh-Hant': 'cmn-Hant-TW',
      vi: 'vi-VN',
      ru: 'ru-RU',
    });
    // Twilio has no Haitian Creole voice: calls in it need the city's recordings.
    expect(files.get('ht')!.meta.voice.say).toBeNull();
  });
});

describe('LANGUAGES', () => {
  it('defaults to every shipped locale, English first', () => {
    expect(loadLocales().codes).toEqual(['en', 'es', 'ht', 'pt', 'zh-Hans', 'zh-Hant', 'vi', 'ru', 'ar', 'fr']);
  });

  it('keeps the order given, the first the default for unknown languages', () => {
    const l = loadLocales(['es', 'en', 'vi']);
    expect(l.codes).toEqual(['es', 'en', 'vi']);
    expect(l.resolve('fr')).toBe('es');
    expect(l.text('fr', 'sms.reset')).toBe(l.text('es', 'sms.reset'));
  });

  it('stops the boot naming LANGUAGES and the locales there are, for a code without a file', () => {
    expect(() => loadLocales(['en', 'xx'])).toThrow(/^LANGUAGES: no locale file for xx in .*; the shipped locales are ar, en, es/);
  });

  it('adds a language with a file and the setting, no code; a missing string falls back to the default language', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'locales-'));
    for (const name of fs.readdirSync(BUNDLED_LOCALES_DIR)) fs.copyFileSync(path.join(BUNDLED_LOCALES_DIR, name), path.join(dir, name));
    const fr = JSON.parse(fs.readFileSync(path.join(dir, 'fr.json'), 'utf8'));
    const it = { ...fr, meta: { ...fr.meta, name: 'Italiano', english: 'Italian', rank: 10, switch: ['italiano'] } };
    it.sms = { ...fr.sms, languageSet: 'Va bene, continuiamo in italiano.' };
    delete it.sms.reset;
    fs.writeFileSync(path.join(dir, 'it.json'), JSON.stringify(it));
    // The classifier's glossaries beside them are not locales.
    fs.writeFileSync(path.join(dir, 'it.understanding.json'), '{"not": "a locale"}');
    const l = loadLocales(['en', 'it'], dir);
    expect(l.codes).toEqual(['en', 'it']);
    expect(l.text('it', 'sms.languageSet')).toBe('Va bene, continuiamo in italiano.');
    expect(l.text('it', 'sms.reset')).toBe(l.text('en', 'sms.reset'));
  });

  it('names the file and the field of a broken locale', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'locales-'));
    fs.copyFileSync(path.join(BUNDLED_LOCALES_DIR, 'en.json'), path.join(dir, 'en.json'));
    const en = JSON.parse(fs.readFileSync(path.join(dir, 'en.json'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'xx.json'), JSON.stringify({ ...en, meta: { ...en.meta, dir: 'sideways' } }));
    expect(() => loadLocales(['en', 'xx'], dir)).toThrow(/xx\.json: meta\.dir: /);
  });
});

describe('a case’s language', () => {
  it('is an enabled locale: a language the city turned off, or an unknown one, reads as the default', () => {
    const deps: IntakeInputDeps = {
      catalog: loadCatalog(),
      classifier: new KeywordClassifier(),
      config: loadConfig({}),
      feedTargets: [],
      locales: loadLocales(['en', 'ht']),
    };
    const report = (language: string): InboundReport => ({
      channel: 'twitter',
      providerMessageId: `t-${language}`,
      reporter: { address: '1' },
      text: 'pothole',
      media: [],
      raw: {},
      language,
    });
    expect(buildIntakeInput(deps, report('ht')).language).toBe('ht');
    expect(buildIntakeInput(deps, report('es')).language).toBe('en');
    expect(buildIntakeInput(deps, report('xx')).language).toBe('en');
  });
});
