import { Screens } from '../../../channels/voice/twiml';
import { locales } from '../../support/locales';
import { validateTwiml } from './twiml-validator';

const screens = new Screens('https://city.example/311', 'Boston', locales);
const hints = ['Pothole', 'Bache', 'Street light out'];

/** Every document the call can answer with, in every shipped language. */
function everyScreen(): Array<[string, string]> {
  const docs: Array<[string, string]> = [
    ['greeting', screens.greeting()],
    ['empty', Screens.empty()],
  ];
  for (const lang of locales.codes) {
    docs.push(
      [`${lang} describe/record`, screens.describe(lang, 'record', ['Sorry.'], hints)],
      [`${lang} describe/speech`, screens.describe(lang, 'speech', [], hints)],
      [`${lang} describe/speech no hints`, screens.describe(lang, 'speech')],
      [`${lang} offer message`, screens.offerMessage(lang, ['Sorry.'])],
      [`${lang} ask address`, screens.askAddress(lang, ['Sorry.'])],
      [`${lang} ask street`, screens.askStreet(lang)],
      [`${lang} confirm address`, screens.confirmAddress(lang, '12 Elm & Main <St>')],
      [`${lang} wait first`, screens.wait(lang, true)],
      [`${lang} wait again`, screens.wait(lang, false)],
      [`${lang} menu confident`, screens.categoryMenu(lang, ['Pothole', 'Graffiti'], true)],
      [`${lang} menu choice`, screens.categoryMenu(lang, ['Pothole', 'Graffiti', 'Street light out'], false, ['Sorry.'])],
      [`${lang} tracking with updates`, screens.tracking(lang, 100042, true, ['Staff will file it.'])],
      [`${lang} tracking without updates`, screens.tracking(lang, 100042, false)],
      [`${lang} goodbye`, screens.goodbye(lang, ['Goodbye.'])],
    );
  }
  return docs;
}

describe('voice TwiML', () => {
  it.each(everyScreen())('%s is TwiML Twilio accepts', (_name, doc) => {
    expect(validateTwiml(doc)).toEqual([]);
  });

  it('the validator rejects what Twilio would reject', () => {
    const bad = [
      '<Response><Gather input="voice"><Say>x</Say></Gather></Response>',
      '<Response><Gather><Record/></Gather></Response>',
      '<Response><Say voice="Polly.Joanna" language="en-US" colour="blue">x</Say></Response>',
      '<Response><Record maxLength="100000"/></Response>',
      '<Response><Redirect>/relative</Redirect></Response>',
      '<Response><Hangup/><Say>late</Say></Response>',
      '<Response><Message>sms verb</Message></Response>',
      '<Response><Say>unclosed</Response>',
    ];
    for (const doc of bad) expect(validateTwiml(doc)).not.toEqual([]);
  });

  it('greets with the 911 warning, then offers each language with one key, in its own language and voice', () => {
    const doc = screens.greeting();
    expect(doc).toContain('hang up and dial 9 1 1');
    expect(doc).toContain('<Say voice="Polly.Joanna" language="en-US">For English, press 1.</Say>');
    expect(doc).toContain('<Say voice="Polly.Lupe" language="es-US">Para español, oprima 2.</Say>');
    expect(doc).toContain('<Say voice="Polly.Camila" language="pt-BR">Para português, aperte 3.</Say>');
    expect(doc).toContain('<Say voice="Polly.Zhiyu" language="cmn-CN">普通话请按4。</Say>');
    expect(doc).toContain('<Say voice="Google.cmn-TW-Standard-A" language="cmn-TW">國語請按5。</Say>');
    expect(doc).toContain('<Say voice="Google.vi-VN-Standard-A" language="vi-VN">Tiếng Việt, xin bấm 6.</Say>');
    expect(doc).toContain('<Say voice="Polly.Tatyana" language="ru-RU">Для русского языка нажмите 7.</Say>');
    expect(doc).toContain('<Say voice="Polly.Zeina" language="arb">للعربية، اضغط 8.</Say>');
    expect(doc).toContain('<Say voice="Polly.Lea" language="fr-FR">Pour le français, tapez 9.</Say>');
    // Twilio has no Haitian Creole voice, and no recordings are configured: said plainly, in English, to be by text.
    expect(doc).toContain('<Say voice="Polly.Joanna" language="en-US">For Haitian Creole, you can text us at this number.</Say>');
    expect(screens.menu.keys.map((k) => k.language)).toEqual(['en', 'es', 'pt', 'zh-Hans', 'zh-Hant', 'vi', 'ru', 'ar', 'fr']);
    expect(doc).toMatch(/<Gather[^>]*numDigits="1"[^>]*action="https:\/\/city.example\/311\/channels\/voice\/language"/);
  });

  it('records up to two minutes, ending on pound, with a beep and the recording callback', () => {
    const doc = screens.describe('en', 'record');
    expect(doc).toContain('After the tone, describe the problem and where it is. Press pound when done.');
    expect(doc).toMatch(/<Record [^>]*maxLength="120"[^>]*finishOnKey="#"[^>]*playBeep="true"/);
    expect(doc).toContain('recordingStatusCallback="https://city.example/311/channels/voice/recording"');
  });

  it('reads the tracking number digit by digit, twice', () => {
    const doc = screens.tracking('es', 100042, true);
    expect(doc.match(/1, 0, 0, 0, 4, 2/g)).toHaveLength(2);
    expect(doc).toContain('oprima 1');
  });
});

describe('voice prompts a city recorded (VOICE_PROMPTS_URL)', () => {
  const recorded = new Screens('https://city.example/311', 'Boston', locales, 'https://city.example/prompts');

  it('offers a language Twilio cannot speak, playing its recordings and saying only the values in the default voice', () => {
    expect(recorded.menu.keys.find((k) => k.language === 'ht')).toEqual({ digit: '3', language: 'ht' });
    expect(recorded.greeting()).toContain('<Play>https://city.example/prompts/ht/pressFor.mp3</Play>');
    const describe = recorded.describe('ht', 'record');
    expect(describe).toContain('<Play>https://city.example/prompts/ht/describe.mp3</Play>');
    const tracking = recorded.tracking('ht', 100042, true);
    expect(tracking).toContain(
      '<Play>https://city.example/prompts/ht/trackingNumber.mp3</Play><Say voice="Polly.Joanna" language="en-US">1, 0, 0, 0, 4, 2</Say>',
    );
    expect(validateTwiml(tracking)).toEqual([]);
  });
});
