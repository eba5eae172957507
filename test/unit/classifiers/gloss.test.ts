/**
 * The English word-by-word gloss staff see under a report in another language (classifiers/gloss.ts). Small
 * glossaries written here pin the rules; the shipped ones are checked on a few words they will always have.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { englishGloss } from '../../../classifiers/gloss';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-gloss-'));
const write = (code: string, words: Record<string, string>, prefixes?: string[]) =>
  fs.writeFileSync(path.join(dir, `${code}.understanding.json`), JSON.stringify({ classifier: { words, prefixes } }));
write('vi', { 'ổ gà': 'pothole', sâu: 'deep', 'đèn đường': 'streetlight', 'không sáng': 'out', đường: 'street' });
write('ht', { twou: 'pothole hole', gwo: 'big', 'limyè lari': 'streetlight', 'pa limen': 'out' });
write('zh-Hans', { 坑: 'pothole', 很深: 'deep', 路灯: 'streetlight', 不亮: 'out', 街: 'street' });
write('ar', { حفرة: 'pothole', شارع: 'street' }, ['و', 'ال']);
write('en', { pothole: 'pothole' });

const gloss = (text: string, language: string) => englishGloss(text, language, dir);

describe('englishGloss', () => {
  it('gives the English words in the text order, each once, with street names and numbers as written', () => {
    expect(gloss('Có ổ gà rất sâu trước số 45 Tremont St, ổ gà thứ hai cũng sâu', 'vi')).toBe('pothole, deep, 45 Tremont St');
    expect(gloss('Gen yon gwo twou devan 12 Blue Hill Ave. Twou a gwo anpil', 'ht')).toBe('big, pothole, hole, 12 Blue Hill Ave');
  });

  it('reads Chinese without spaces into glossary words and keeps the Latin street name inside it', () => {
    expect(gloss('Main街100号有个很深的坑，路灯不亮', 'zh-Hans')).toBe('Main, street, 100, deep, pothole, streetlight, out');
  });

  it('keeps Latin words in a text in another script, and finds words under a glued prefix', () => {
    expect(gloss('حفرة كبيرة في الشارع قرب Dudley St', 'ar')).toBe('pothole, street, Dudley St');
  });

  it('does not take a capital at the start of a sentence for a name, unless a second capital follows it', () => {
    expect(gloss('Có ổ gà. Trời tối, đèn đường không sáng', 'vi')).toBe('pothole, streetlight, out');
    expect(gloss('Tremont St có ổ gà', 'vi')).toBe('Tremont St, pothole');
  });

  it('is nothing for English, for a language without a glossary, and for a text the glossary matched no word of', () => {
    expect(gloss('pothole on Main St', 'en')).toBeUndefined();
    expect(gloss('buraco na Main St', 'pt')).toBeUndefined();
    expect(gloss('Tôi ở 45 Tremont St', 'vi')).toBeUndefined();
  });

  it('glosses with the shipped glossaries', () => {
    expect(englishGloss('Có ổ gà trên đường Tremont St', 'vi')).toContain('pothole');
    expect(englishGloss('Có ổ gà trên đường Tremont St', 'vi')).toContain('Tremont St');
    expect(englishGloss('华盛顿街的路灯不亮', 'zh-Hans')).toContain('streetlight');
    expect(englishGloss('華盛頓街的路燈壞了', 'zh-Hant')).toContain('streetlight');
    expect(englishGloss('Gen yon twou nan lari Washington St', 'ht')).toContain('Washington St');
  });

  it('does not read Vietnamese "tôi" (I, me) as "tối" (dark): matching ignores accents, so "dark" needs a phrase', () => {
    expect(englishGloss('đèn đường trước nhà tôi không sáng', 'vi')).toBe('streetlight, out');
    expect(englishGloss('gọi tôi nhé, ổ gà ở 45 Tremont St', 'vi')).not.toContain('dark');
    expect(englishGloss('con hẻm bị tối, đèn hư', 'vi')).toContain('dark');
  });
});
