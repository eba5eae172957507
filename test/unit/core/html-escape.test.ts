import { esc } from '../../../src/public/html';

// esc is what stands between residents' words and every HTML page, Atom entry and Open311 XML document.
describe('esc', () => {
  it('escapes markup and quotes, for element content and attribute values alike', () => {
    expect(esc(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  });

  it('drops the controls XML cannot carry and mends a lone surrogate half, keeping tabs, newlines and emoji', () => {
    expect(esc('a\u0001b\u0000c\uFFFFd')).toBe('abcd');
    expect(esc('\uD800x')).toBe('\uFFFDx');
    expect(esc('tab\there\nnext 😀')).toBe('tab\there\nnext 😀');
  });

  it('returns plain text, numbers and empty values as they are', () => {
    expect(esc('Pothole near 12 Elm St')).toBe('Pothole near 12 Elm St');
    expect(esc(42)).toBe('42');
    expect(esc(null)).toBe('');
    expect(esc(undefined)).toBe('');
  });
});
