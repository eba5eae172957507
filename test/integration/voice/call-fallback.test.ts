import { silenceWav } from '../../fixtures/voice/synthesize';
import { Caller, spoken, type VoiceHarness, voiceForSuite } from './voice-harness';

describe('a call without Google Speech-to-Text configured', () => {
  let h: VoiceHarness;
  voiceForSuite({ google: false }, (started) => (h = started));

  it("uses Twilio's own speech recognition and says so on the case", async () => {
    const caller = new Caller(h);
    await caller.dial();
    const prompt = await caller.press('/channels/voice/language', '1');
    expect(prompt).not.toContain('<Record');
    expect(prompt).toMatch(/<Gather [^>]*input="speech dtmf"[^>]*language="en-US"/);
    expect(prompt).toMatch(/hints="[^"]*Pothole/);

    const address = await caller.say('/channels/voice/described', 'graffiti all over the wall at 45 Main Street', '0.87');
    expect(spoken(address)[0]).toContain('say the address');
    // Twilio's recognition writes numbers as words at times: the read-back is the geocoded address.
    expect(spoken(await caller.say('/channels/voice/address', 'forty five main street'))).toEqual([
      'We heard: 45 Main St, Charlestown. If that is right, press 1. To say it again, press 2.',
    ]);
    const menu = await caller.press('/channels/voice/address-confirm', '1');
    expect(spoken(menu)[0]).toBe('It sounds like this is about: Graffiti. If that is right, press 1.');
    await caller.press('/channels/voice/category-choice', '1');

    const c = await h.caseOf(caller.callSid);
    expect(c).toMatchObject({
      service_code: 'graffiti',
      description: 'graffiti all over the wall at 45 Main Street',
      address: '45 Main St, Charlestown 02129',
    });
    expect(c!.details).toMatchObject({ transcript_engine: 'twilio-speech', transcript_confidence: 0.87 });
    expect(h.media.requests).toHaveLength(0);
  });

  it('asks again when the caller says no place ("I don\'t know", "my house"), and never keeps those words as the address', async () => {
    const caller = new Caller(h);
    await caller.dial();
    await caller.press('/channels/voice/language', '1');
    await caller.say('/channels/voice/described', 'the streetlight outside is flickering all night');
    const askAddress = 'Now say the address or the nearest intersection. Or type the house number and press pound.';
    expect(spoken(await caller.say('/channels/voice/address', "I don't know"))).toEqual([askAddress]);
    const menu = await caller.say('/channels/voice/address', 'at my house');
    expect(spoken(menu).join(' ')).not.toMatch(/We heard/);
    expect(spoken(menu)[0]).toMatch(/^It sounds like this is about: Street light out\./);
    await caller.press('/channels/voice/category-choice', '1');
    const c = await h.caseOf(caller.callSid);
    expect(c).toMatchObject({ service_code: 'streetlight', address: null });
  });

  it('files a message left for staff with no engine, clearly labelled', async () => {
    const caller = new Caller(h);
    await caller.dial();
    await caller.press('/channels/voice/language', '2');
    expect(spoken(await caller.nothing('/channels/voice/described'))[0]).toBe('Lo sentimos, no escuchamos nada.');
    const offer = await caller.nothing('/channels/voice/described');
    expect(offer).toContain('<Record ');
    const rec = await caller.record(silenceWav(2, h.audioDir));
    await rec.callback();
    expect((await h.transcribed(rec.sid)).status).toBe('done');
    const c = await h.caseOf(caller.callSid);
    expect(c).toMatchObject({ service_code: 'other', language: 'es' });
    expect(c!.details).toMatchObject({ transcript_engine: 'none', call_outcome: 'message_for_staff', recording_sids: [rec.sid] });
  });

  it("keeps Twilio's transcription of a message when the action carries one", async () => {
    const caller = new Caller(h);
    await caller.dial();
    await caller.press('/channels/voice/language', '1');
    await caller.nothing('/channels/voice/described');
    await caller.nothing('/channels/voice/described');
    await caller.recordWith(silenceWav(1, h.audioDir), { TranscriptionText: 'the park gate is broken', TranscriptionStatus: 'completed' });
    const c = await h.caseOf(caller.callSid);
    expect(c).toMatchObject({ service_code: 'other', description: 'the park gate is broken' });
    expect(c!.details).toMatchObject({ transcript_engine: 'twilio-speech', call_outcome: 'message_for_staff' });
  });
});
