import { messageOf, parseTwiml } from '../../../vendors/twilio/twiml-reader';

describe('reading TwiML as a phone would', () => {
  it('reads prompts inside a Gather, its attributes, entities and the verbs after it', () => {
    const doc = parseTwiml(
      `<?xml version="1.0" encoding="UTF-8"?><Response><Gather input="dtmf speech" action="/channels/voice/address?x=1&amp;y=2" numDigits='1'>` +
        `<Say language="es-US">¿Dónde está? Oprima &#50; &lt;o&gt; hable</Say></Gather><Redirect>/channels/voice/address</Redirect><Hangup/></Response>`,
    );
    expect(doc.children.map((c) => c.name)).toEqual(['Gather', 'Redirect', 'Hangup']);
    expect(doc.children[0].attrs).toEqual({ input: 'dtmf speech', action: '/channels/voice/address?x=1&y=2', numDigits: '1' });
    expect(doc.children[0].children[0].text).toBe('¿Dónde está? Oprima 2 <o> hable');
  });

  it('reads an SMS reply with a Body and a photo', () => {
    const doc = parseTwiml('<Response><Message><Body>Case #100001 closed</Body><Media>https://example.org/a.jpg</Media></Message></Response>');
    expect(messageOf(doc.children[0])).toEqual({ text: 'Case #100001 closed', media: ['https://example.org/a.jpg'] });
  });

  it('names what is wrong with a broken answer instead of guessing', () => {
    expect(() => parseTwiml('<Response><Say>hi</Response>')).toThrow(/unexpected <\/Response>/);
    expect(() => parseTwiml('<html><body>error</body></html>')).toThrow(/no <Response>/);
  });
});
