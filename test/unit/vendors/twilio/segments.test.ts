import { smsFriendly, smsSize, smsTextBudget } from '../../../../vendors/twilio/segments';

describe('SMS segments, counted as carriers split them', () => {
  it('fits 160 GSM-7 characters in one segment and 153 in each once split', () => {
    expect(smsSize('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSize('a'.repeat(161)).segments).toBe(2);
    expect(smsSize('a'.repeat(306)).segments).toBe(2);
    expect(smsSize('a'.repeat(307)).segments).toBe(3);
    expect(smsSize('ñÑüÜäöàéè£¥§¿¡ΔΩ').encoding).toBe('GSM-7');
  });

  it('counts the extension table (€, brackets, form feed) as two septets, and never splits one across segments', () => {
    expect(smsSize('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSize('€'.repeat(81)).segments).toBe(2);
    expect(smsSize('[]{}\\^~|\f').units).toBe(18);
    // 306 septets would be two segments, but the escape and its € cannot straddle the boundary at 153.
    expect(smsSize(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toEqual({ encoding: 'GSM-7', units: 306, segments: 3 });
  });

  it('sends the whole text as UCS-2 for one character outside GSM-7: 70, then 67 per segment', () => {
    expect(smsSize('á'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSize('á'.repeat(71)).segments).toBe(2);
    expect(smsSize('á'.repeat(134)).segments).toBe(2);
    expect(smsSize('á'.repeat(135)).segments).toBe(3);
    expect(smsSize(`${'a'.repeat(100)}í`)).toEqual({ encoding: 'UCS-2', units: 101, segments: 2 });
  });

  it('counts an emoji as two UTF-16 units and keeps its pair in one segment', () => {
    expect(smsSize('ok 👍')).toEqual({ encoding: 'UCS-2', units: 5, segments: 1 });
    expect(smsSize(`${'á'.repeat(66)}😀${'á'.repeat(66)}`)).toEqual({ encoding: 'UCS-2', units: 134, segments: 3 });
  });

  it('makes pasted typographic punctuation plain, so an English text stays GSM-7', () => {
    const pasted = 'Crew’s on it — “today”… at 12\u00a0Elm St';
    expect(smsSize(pasted).encoding).toBe('UCS-2');
    expect(smsFriendly(pasted)).toBe('Crew\'s on it - "today"... at 12 Elm St');
    expect(smsSize(smsFriendly(pasted)).encoding).toBe('GSM-7');
  });

  it('gives a budget of whole segments', () => {
    const budget = smsTextBudget(2);
    expect(budget.fits('a'.repeat(306))).toBe(true);
    expect(budget.fits('a'.repeat(307))).toBe(false);
    expect(budget.fits('ó'.repeat(134))).toBe(true);
    expect(budget.fits('ó'.repeat(135))).toBe(false);
    expect(budget.prepare('“ok”')).toBe('"ok"');
  });
});
