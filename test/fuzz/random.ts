/** A small seeded generator (mulberry32), so a fuzz run that found something can be replayed with its seed. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/**
 * Values that have broken parsers, databases and XML writers before: control characters, NUL, lone
 * surrogates, numbers beyond int4/int8/float ranges, markup, long strings and odd Unicode.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'pothole\u0001on Elm St',
  '\u0008\u000b\u000c\u001f',
  '\uD800',
  'x\uDFFFy',
  '\uFFFE\uFFFF',
  '\u202E\u200B',
  '9223372036854775808',
  '-9223372036854775809',
  '2147483648',
  '99999999999999999999999',
  '-1',
  '0',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '0x1F',
  '１２３',
  '12.5.6',
  '<![CDATA[x]]></Message><Hangup/>',
  '<script>alert(1)</script>',
  "'; DROP TABLE cases; --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as plain text on purpose.
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '%',
  '%zz',
  'x'.repeat(5000),
  '🕳️ pothole 🚧',
  'ñandú ü ß',
  'true',
  'null',
  '[]',
  '{}',
  '2026-13-45T99:99:99Z',
  '0000-01-01',
  '+275760-09-13T00:00:00Z',
  'http://169.254.169.254/latest/meta-data/',
  'javascript:alert(1)',
  'http://[::ffff:127.0.0.1]/a.jpg',
  'http://2130706433/a.jpg',
  'https://example.com/photo.jpg',
];

/** Raw fragments for a URL or form body that are not valid percent-encoding or not valid UTF-8 once decoded. */
export const RAW_ESCAPES: readonly string[] = ['%', '%zz', '%E0%A4%A', '%ED%A0%80', '%FF%FE', '%C0%AF', '%00', '%0A%0D', '%25', '%u0041'];

/** Percent-encodes a string's UTF-8 bytes; unlike encodeURIComponent it never throws on lone surrogates. */
export function enc(s: string): string {
  return Array.from(Buffer.from(s, 'utf8'), (b) =>
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2d || b === 0x2e || b === 0x5f || b === 0x7e
      ? String.fromCharCode(b)
      : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');
}

/** A hostile value, sometimes a plausible one so that validation gets past its first checks. */
export function hostile(r: Random, plausible: readonly string[] = []): string {
  if (plausible.length && r.chance(0.35)) return r.pick(plausible);
  const base = r.pick(HOSTILE_STRINGS);
  if (plausible.length && r.chance(0.3)) return `${r.pick(plausible)}${base}`;
  return base;
}
