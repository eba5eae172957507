import { toE164 } from '../../../channels/open311/phone';

describe('toE164', () => {
  it.each([
    ['(617) 555-0123', '+16175550123'],
    ['617 555 0123', '+16175550123'],
    ['1-617-555-0123', '+16175550123'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('reads %s as %s', (raw, e164) => expect(toE164(raw)).toBe(e164));

  it.each(['555-0123', 'call me', '+1', '0044 20 7946 0958 12345'])('refuses %s', (raw) => expect(toE164(raw)).toBeUndefined());
});
