import { render } from '../../../src/outbound/templates';
import { characterBudget } from '../../../src/outbound/text-budget';
import { listNotificationsForCase } from '../../../src/storage/notifications-repo';
import { listSubscriptions } from '../../../src/storage/subscriptions-repo';
import { synthesizeSpeech } from '../../fixtures/voice/synthesize';
import { POTHOLE_REPORTS, templateOf } from '../../support/locale-match';
import { locales } from '../../support/locales';
import { Caller, spoken, type VoiceHarness, voiceForSuite } from './voice-harness';

/** The languages Twilio can speak, each with a key on the greeting's menu (Haitian Creole needs recorded prompts). */
const SPOKEN = locales.codes.filter((c) => locales.meta(c).voice.say);

/**
 * A call in every language Twilio speaks: one key picks it, every prompt is in it and in its voice, Speech-to-Text
 * runs in its code, the tracking number is read in it, and the closure alert texted to the caller is written in it.
 */
describe('a call in every spoken language', () => {
  let h: VoiceHarness;
  voiceForSuite({ google: true }, (started) => (h = started));

  it.each(SPOKEN.map((code, i) => [code, `+1617555${String(6100 + i)}`]))(
    '%s: menu key, prompts, transcript, tracking number and closure alert',
    async (code, phone) => {
      const meta = locales.meta(code);
      const say = `<Say voice="${meta.voice.say!.voice}" language="${meta.voice.say!.language}">`;
      const caller = new Caller(h, phone);
      const greeting = await caller.dial();
      const digit = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].find((d) =>
        greeting.includes(`${say}${locales.text(code, 'voice.pressFor', { digit: d })}</Say>`),
      );
      expect(digit).toBeDefined();

      const describe = await caller.press('/channels/voice/language', digit!);
      expect(describe).toContain(`${say}${locales.text(code, 'voice.describe')}</Say>`);
      const words = POTHOLE_REPORTS[code].replace(/12 Elm St/, '').trim();
      const wav = synthesizeSpeech(words, code, h.audioDir);
      h.google!.register(wav, meta.voice.speech, { transcript: words, confidence: 0.85 });
      const rec = await caller.record(wav);
      await rec.callback();
      expect((await h.transcribed(rec.sid)).transcript).toBe(words);
      expect(h.google!.calls.at(-1)!.config.languageCode).toBe(meta.voice.speech);
      expect(spoken(rec.twiml)[0]).toBe(locales.text(code, 'voice.askAddress'));

      const confirm = await caller.say('/channels/voice/address', '12 Elm St');
      expect(spoken(confirm)).toEqual([locales.text(code, 'voice.heardAddress', { address: '12 Elm St, Charlestown' })]);
      const menu = await caller.press('/channels/voice/address-confirm', '1');
      const step = templateOf(locales, code, 'voice', spoken(menu)[0]);
      // A category menu in the language; or, when the classifier has nothing to suggest, staff will choose (said in it).
      expect(['suggested', 'choose', 'staffWillCategorise']).toContain(step);
      const tracking =
        step === 'staffWillCategorise' ? menu.replace(/<Say[^>]*>[^<]*<\/Say>/, '') : await caller.press('/channels/voice/category-choice', '1');
      const c = await h.caseOf(caller.callSid);
      expect(c).toMatchObject({ language: code, address: '12 Elm St, Charlestown 02129', description: words });
      const digits = String(c!.service_request_id).split('').join(', ');
      expect(spoken(tracking).slice(0, 2)).toEqual([
        locales.text(code, 'voice.trackingNumber', { digits }),
        locales.text(code, 'voice.trackingAgain', { digits }),
      ]);
      expect(tracking).toContain(say);

      const updates = await caller.press('/channels/voice/updates', '1');
      expect(spoken(updates)[0]).toBe(locales.text(code, 'voice.willText'));
      expect((await listSubscriptions(h.ctx.db, c!.service_request_id)).map((s) => s.language)).toEqual([code]);

      await h.ctx.cases.update(c!.service_request_id, { status: 'closed' }, 'staff:test');
      const alert = (await listNotificationsForCase(h.ctx.db, c!.service_request_id)).find((n) => n.kind === 'case_closed' && n.recipient === phone);
      expect(alert?.language).toBe(code);
      const text = render(
        alert!,
        (await h.caseOf(caller.callSid))!,
        { catalog: h.ctx.catalog, locales: h.ctx.locales, publicBaseUrl: 'https://311.test' },
        characterBudget(1600),
      ).text;
      expect(
        text.startsWith(locales.text(code, 'notify.closed', { id: c!.service_request_id, service: h.ctx.catalog.name(c!.service_code, code) })),
      ).toBe(true);
    },
  );

  it('says plainly, in English, that a language Twilio cannot speak is served by text', async () => {
    const greeting = await new Caller(h, '+16175556199').dial();
    expect(spoken(greeting)).toContain('For Haitian Creole, you can text us at this number.');
  });
});

describe('a call in Haitian Creole, with the city’s recorded prompts (VOICE_PROMPTS_URL)', () => {
  let h: VoiceHarness;
  voiceForSuite({ google: true, env: { VOICE_PROMPTS_URL: 'https://city.example/prompts' } }, (started) => (h = started));
  const play = (key: string) => `<Play>https://city.example/prompts/ht/${key}.mp3</Play>`;

  it('plays the recordings, transcribes in ht-HT, reads the number in the default voice and texts the closure in Kreyòl', async () => {
    const phone = '+16175556200';
    const caller = new Caller(h, phone);
    const greeting = await caller.dial();
    expect(greeting).toContain(play('pressFor'));
    const describe = await caller.press('/channels/voice/language', '3');
    expect(describe).toContain(play('greeting'));
    expect(describe).toContain(play('describe'));
    const words = 'gen yon gwo twou nan lari a';
    const wav = synthesizeSpeech(words, 'ht', h.audioDir);
    h.google!.register(wav, 'ht-HT', { transcript: words, confidence: 0.8 });
    const rec = await caller.record(wav);
    await rec.callback();
    expect((await h.transcribed(rec.sid)).transcript).toBe(words);
    expect(rec.twiml).toContain(play('askAddress'));
    const confirm = await caller.say('/channels/voice/address', '12 Elm St');
    // Recorded around the value: the words before it, the address in the default voice, the words after it.
    expect(confirm).toContain(
      `${play('heardAddress')}<Say voice="Polly.Joanna" language="en-US">12 Elm St, Charlestown</Say>${play('heardAddress-2')}`,
    );
    const menu = await caller.press('/channels/voice/address-confirm', '1');
    const tracking = menu.includes(play('trackingNumber')) ? menu : await caller.press('/channels/voice/category-choice', '1');
    const c = await h.caseOf(caller.callSid);
    expect(c).toMatchObject({ language: 'ht', description: words });
    const digits = String(c!.service_request_id).split('').join(', ');
    expect(tracking).toContain(`${play('trackingNumber')}<Say voice="Polly.Joanna" language="en-US">${digits}</Say>`);
    await caller.press('/channels/voice/updates', '1');
    await h.ctx.cases.update(c!.service_request_id, { status: 'closed' }, 'staff:test');
    const alert = (await listNotificationsForCase(h.ctx.db, c!.service_request_id)).find((n) => n.kind === 'case_closed' && n.recipient === phone);
    expect(alert?.language).toBe('ht');
    const text = render(
      alert!,
      (await h.caseOf(caller.callSid))!,
      { catalog: h.ctx.catalog, locales: h.ctx.locales, publicBaseUrl: 'https://311.test' },
      characterBudget(1600),
    ).text;
    expect(text).toContain(`Ka #${c!.service_request_id}`);
  });
});
