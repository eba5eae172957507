import { csv, csvField } from '../../../src/staff/format';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../../src/staff/password';

describe('staff passwords (scrypt)', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$65536\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('never matches a missing, malformed or dummy hash', async () => {
    for (const stored of [null, '', 'plain', 'scrypt$1$1$1$x$y', 'scrypt$99999999$8$1$AAAA$AAAA', DUMMY_HASH]) {
      expect(await verifyPassword('anything at all', stored)).toBe(false);
    }
  });
});

describe('CSV export fields', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1 617')).toBe("'+1 617");
    expect(csvField(null)).toBe('');
    expect(csv(['a', 'b'], [[1, { k: 'v' }]])).toBe('a,b\r\n1,"{""k"":""v""}"\r\n');
  });
});
