import { synthesizeSpeech } from '../../fixtures/voice/synthesize';
import { Caller, spoken, type VoiceHarness, voiceForSuite } from './voice-harness';

describe('a call in Spanish', () => {
  let h: VoiceHarness;
  voiceForSuite({ google: true }, (started) => (h = started));

  it('speaks Spanish throughout, transcribes in es-US and files the case in Spanish', async () => {
    const caller = new Caller(h, '+16175550177');
    await caller.dial();
    const prompt = await caller.press('/channels/voice/language', '2');
    expect(prompt).toContain('<Say voice="Polly.Lupe" language="es-US">Después del tono, describa el problema y dónde está.');

    const wav = synthesizeSpeech('Hay un bache muy grande en la calle Main.', 'es', h.audioDir);
    h.google!.register(wav, 'es-US', { transcript: 'hay un bache muy grande en la calle Main', confidence: 0.88 });
    const rec = await caller.record(wav);
    await rec.callback();
    await h.transcribed(rec.sid);

    const address = spoken(rec.twiml);
    expect(address[0]).toContain('Ahora diga la dirección');
    const confirm = await caller.say('/channels/voice/address', 'calle Main 45');
    expect(spoken(confirm)).toEqual(['Escuchamos: 45 Main St, Charlestown. Si es correcto, oprima 1. Para decirlo de nuevo, oprima 2.']);
    expect(confirm).toContain('language="es-US"');
    const menu = await caller.press('/channels/voice/address-confirm', '1');
    expect(spoken(menu)[0]).toBe('Parece que se trata de: Bache. Si es correcto, oprima 1.');

    const tracking = await caller.press('/channels/voice/category-choice', '1');
    const c = await h.caseOf(caller.callSid);
    const digits = String(c!.service_request_id).split('').join(', ');
    expect(spoken(tracking)).toEqual([
      `Gracias. Su reporte quedó registrado. Su número de seguimiento es: ${digits}.`,
      `Repetimos, su número de seguimiento es: ${digits}.`,
      'Para recibir avisos por mensaje de texto a este número, oprima 1.',
      'Para que este reporte no aparezca en el mapa público, oprima 2.',
      'Gracias por llamar. Adiós.',
    ]);
    expect(c).toMatchObject({
      service_code: 'pothole',
      language: 'es',
      address: '45 Main St, Charlestown 02129',
      description: 'hay un bache muy grande en la calle Main',
    });
    expect(c!.details).toMatchObject({ transcript_engine: 'google' });
    expect(h.google!.calls.at(-1)!.config.languageCode).toBe('es-US');

    // No key pressed for updates: Twilio falls through to the goodbye; nobody is subscribed.
    const { rows } = await h.ctx.db.query('SELECT 1 FROM subscriptions WHERE case_id = $1', [c!.service_request_id]);
    expect(rows).toHaveLength(0);
  });

  it('offers a choice when the classifier is unsure, and a caller can pick another category', async () => {
    const caller = new Caller(h, '+16175550178');
    await caller.dial();
    await caller.press('/channels/voice/language', '2');
    const wav = synthesizeSpeech('Un carro abandonado y mal estacionado.', 'es', h.audioDir);
    // "abandonado" and "estacionado" match two categories: the test classifier is sure of the first only.
    h.google!.register(wav, 'es-US', { transcript: 'un carro abandonado mal parked', confidence: 0.7 });
    const rec = await caller.record(wav);
    await rec.callback();
    await h.transcribed(rec.sid);
    await caller.nothing('/channels/voice/address');
    const menu = await caller.nothing('/channels/voice/address');
    const lines = spoken(menu);
    expect(lines[0]).toMatch(/^Parece que se trata de: /);
    expect(lines.some((l) => /^Para .+, oprima 2\.$/.test(l))).toBe(true);
    await caller.press('/channels/voice/category-choice', '2');
    const c = await h.caseOf(caller.callSid);
    expect(c!.address).toBeNull();
    expect(c!.details).toMatchObject({ category_confirmed: true, address_confirmed: false });
    expect(['abandoned-vehicle', 'illegal-parking']).toContain(c!.service_code);
  });
});
