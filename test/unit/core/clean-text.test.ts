import { cleanDeep, cleanText, hasUnsafeCharacters } from '../../../src/domain/clean-text';

describe('cleanText', () => {
  it('drops the controls XML 1.0 forbids and keeps tab, newline and carriage return', () => {
    expect(cleanText('a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\uFFFE\uFFFFh')).toBe('abcdefgh');
    expect(cleanText('line one\r\n\tline two')).toBe('line one\r\n\tline two');
  });

  it('turns a lone surrogate half into U+FFFD and leaves real pairs (emoji) alone', () => {
    expect(cleanText('x\uD800y\uDC00z')).toBe('x\uFFFDy\uFFFDz');
    expect(cleanText('🕳️ ñandú')).toBe('🕳️ ñandú');
  });

  it('tells whether a text needs cleaning', () => {
    expect(hasUnsafeCharacters('12 Elm St')).toBe(false);
    expect(hasUnsafeCharacters('12\u0000')).toBe(true);
    expect(hasUnsafeCharacters('\uDFFF')).toBe(true);
  });

  it('cleans every string of a JSON-like value, keys included, and keeps other values', () => {
    expect(cleanDeep({ 'a\u0000': ['x\u0001', 5, null, { b: '\uD800' }], ok: true })).toEqual({ a: ['x', 5, null, { b: '\uFFFD' }], ok: true });
  });
});
