import { messages } from '../../../channels/sms/messages';
import { messagingTwiml } from '../../../channels/sms/twiml';
import { locales } from '../../support/locales';

describe('SMS texts', () => {
  it.each(locales.codes)('HELP names the city and its phone line (%s)', (lang) => {
    const m = messages(locales, lang, { name: 'Springfield', phone: '+1 217 555 0100' });
    expect(m.help).toContain('Springfield 311');
    expect(m.help).toContain('+1 217 555 0100');
    expect(m.optedIn).toContain('Springfield 311');
  });

  it('writes TwiML with one Message per text, escaped, and drops characters XML cannot carry', () => {
    expect(messagingTwiml([])).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    expect(messagingTwiml(['a < b & "c"', 'two\u0001'])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>a &lt; b &amp; &quot;c&quot;</Message><Message>two</Message></Response>',
    );
  });
});
