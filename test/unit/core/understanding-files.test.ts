/** The understanding files (locales/<code>.understanding.json): every shipped one is valid; a bad one is refused by name. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_LOCALES_DIR, loadUnderstandings, parseUnderstanding } from '../../../src/understanding/files';

describe('understanding files', () => {
  it('ships the languages Boston needs, each with classifier words and geocoder words', () => {
    const found = loadUnderstandings(DEFAULT_LOCALES_DIR);
    expect([...found.keys()].sort()).toEqual(['ar', 'es', 'fr', 'ht', 'pt', 'ru', 'vi', 'zh-Hans', 'zh-Hant']);
    for (const [code, u] of found) {
      expect({ code, words: Object.keys(u.classifier.words).length > 100 }).toEqual({ code, words: true });
      expect({ code, streetWords: Object.keys({ ...u.geocoder.streetBefore, ...u.geocoder.streetAfter }).length > 0 }).toEqual({
        code,
        streetWords: true,
      });
      expect({ code, and: (u.geocoder.and ?? []).length > 0, corner: (u.geocoder.corner ?? []).length > 0 }).toEqual({
        code,
        and: true,
        corner: true,
      });
    }
  });

  it('refuses a broken file, naming the file and the field', () => {
    expect(() => parseUnderstanding('xx.understanding.json', '{"classifier": {"words": {"bache": 3}}}')).toThrow(
      /xx\.understanding\.json: "classifier\.words\.bache" must be a string/,
    );
    expect(() => parseUnderstanding('xx.understanding.json', '{"geocoder": {"and": "y"}}')).toThrow(/"geocoder\.and" must be a list/);
    expect(() => parseUnderstanding('xx.understanding.json', '{not json')).toThrow(/xx\.understanding\.json: not JSON/);
  });

  it('adding a language is adding a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'understanding-'));
    fs.writeFileSync(
      path.join(dir, 'it.understanding.json'),
      JSON.stringify({ classifier: { words: { buca: 'pothole' } }, geocoder: { and: ['e'] } }),
    );
    expect(loadUnderstandings(dir).get('it')?.classifier.words).toEqual({ buca: 'pothole' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
