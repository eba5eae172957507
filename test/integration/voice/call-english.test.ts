import { listEvents } from '../../../src/storage/events-repo';
import { listNotificationsForCase } from '../../../src/storage/notifications-repo';
import { synthesizeSpeech } from '../../fixtures/voice/synthesize';
import { Caller, spoken, type VoiceHarness, voiceForSuite } from './voice-harness';

describe('a call in English, transcribed by Google', () => {
  let h: VoiceHarness;
  voiceForSuite({ google: true }, (started) => (h = started));

  it('takes the caller from the greeting to a categorised case, a tracking number read twice, and SMS updates', async () => {
    const caller = new Caller(h);
    const greeting = await caller.dial();
    expect(spoken(greeting).join(' ')).toContain('If this is an emergency, hang up and dial 9 1 1');

    const prompt = await caller.press('/channels/voice/language', '1');
    expect(spoken(prompt)).toEqual(['After the tone, describe the problem and where it is. Press pound when done.']);
    expect(prompt).toContain('<Record ');

    const words = 'There is a big pothole in front of twelve Elm Street.';
    const wav = synthesizeSpeech(words, 'en', h.audioDir);
    h.google!.register(wav, 'en-US', { transcript: 'there is a big pothole in front of 12 Elm Street', confidence: 0.92 });
    // Twilio is still processing the file when the call moves on: the first download gets a 404.
    const rec = await caller.record(wav, { notReadyForFirst: 1 });
    expect(spoken(rec.twiml).join(' ')).toContain('say the address');
    await rec.callback();

    expect(spoken(await caller.press('/channels/voice/address', '12'))).toEqual(['Now say the street name.']);
    expect(spoken(await caller.say('/channels/voice/street', 'Elm Street'))).toEqual([
      // Read back as the city's data writes it.
      'We heard: 12 Elm St, Charlestown. If that is right, press 1. To say it again, press 2.',
    ]);
    const holding = await caller.press('/channels/voice/address-confirm', '1');
    expect(spoken(holding)).toEqual(['One moment while we listen to your message.']);

    await h.transcribed(rec.sid);
    const menu = await caller.nothing('/channels/voice/category');
    expect(spoken(menu)[0]).toBe('It sounds like this is about: Pothole. If that is right, press 1.');
    expect(spoken(menu)).toContain('For something else, press 9.');

    const tracking = await caller.press('/channels/voice/category-choice', '1');
    const c = await h.caseOf(caller.callSid);
    expect(c).toBeDefined();
    const digits = String(c!.service_request_id).split('').join(', ');
    expect(spoken(tracking).join(' ').split(digits)).toHaveLength(3);
    expect(spoken(tracking)).toContain('To get updates by text message to this phone number, press 1.');

    expect(c).toMatchObject({
      channel: 'voice',
      service_code: 'pothole',
      address: '12 Elm St, Charlestown 02129',
      location_kind: 'address',
      location_source: 'geocoded',
      neighborhood: 'Charlestown',
      language: 'en',
      description: 'there is a big pothole in front of 12 Elm Street',
      reporter: { phone: caller.from },
    });
    expect(c!.details).toMatchObject({
      transcript_engine: 'google',
      category_confirmed: true,
      address_confirmed: true,
      call_outcome: 'completed',
      recording_sids: [rec.sid],
    });
    expect(c!.details.transcript_confidence).toBeCloseTo(0.92, 2);

    // Google heard real 8 kHz phone audio, in the caller's language, with the telephony model and catalog phrases.
    expect(h.google!.calls).toHaveLength(1);
    expect(h.google!.calls[0].config).toMatchObject({ encoding: 'LINEAR16', sampleRateHertz: 8000, languageCode: 'en-US', model: 'telephony' });
    expect(h.google!.calls[0].config.phrases).toContain('Pothole');
    expect(h.google!.calls[0].audioBytes).toBe(wav.length);
    // The recording was fetched with the account's credentials, retried after the first 404.
    expect(h.media.requests.map((r) => [r.status, r.authorized])).toEqual([
      [404, true],
      [200, true],
    ]);

    const bye = await caller.press('/channels/voice/updates', '1');
    expect(spoken(bye)).toEqual(['We will send you a text message when your report is updated.', 'Thank you for calling. Goodbye.']);
    expect(bye).toContain('<Hangup/>');

    await h.ctx.cases.update(c!.service_request_id, { status: 'closed', status_notes: 'Pothole filled' }, 'staff:test');
    const notes = await listNotificationsForCase(h.ctx.db, c!.service_request_id);
    // No separate "case opened" message (the caller heard the number), and the closure alert goes by SMS to the caller.
    expect(notes.map((n) => [n.channel, n.recipient, n.kind, n.language])).toEqual([['sms', caller.from, 'case_closed', 'en']]);
    expect(notes[0].params).toMatchObject({ status_notes: 'Pothole filled' });
  });

  it('keeps the report off the public map when the caller presses 2 after the tracking number', async () => {
    const caller = new Caller(h, '+16175550177');
    await caller.dial();
    await caller.press('/channels/voice/language', '1');
    const wav = synthesizeSpeech('Graffiti on my own garage door.', 'en', h.audioDir);
    h.google!.register(wav, 'en-US', { transcript: 'graffiti on my own garage door', confidence: 0.9 });
    const rec = await caller.record(wav);
    await rec.callback();
    await caller.press('/channels/voice/address', '4');
    await caller.say('/channels/voice/street', 'Oak Street');
    await caller.press('/channels/voice/address-confirm', '1');
    await h.transcribed(rec.sid);
    await caller.nothing('/channels/voice/category');
    const tracking = await caller.press('/channels/voice/category-choice', '1');
    expect(spoken(tracking)).toContain('To keep this report off the public map, press 2.');
    const c = await h.caseOf(caller.callSid);
    expect(c!.public).toBe(true);

    const bye = await caller.press('/channels/voice/updates', '2');
    expect(spoken(bye)).toEqual(['Your report will be kept private. It will not appear on the public map.', 'Thank you for calling. Goodbye.']);
    expect((await h.caseOf(caller.callSid))!.public).toBe(false);
    // Another call cannot hide this case by naming it.
    const stranger = new Caller(h, '+16175550178');
    await stranger.dial();
    const other = await h.ctx.port.inbound.handle({ channel: 'voice', conversationKey: stranger.callSid }, () => ({
      reply: null,
      action: { kind: 'make_private', caseId: c!.service_request_id, filedBy: stranger.callSid },
    }));
    expect(other.outcome.kind).toBe('unknown_case');
  });

  it('processes a recording once however often Twilio reports it', async () => {
    const caller = new Caller(h, '+16175550199');
    await caller.dial();
    await caller.press('/channels/voice/language', '1');
    const wav = synthesizeSpeech('Graffiti on the library wall.', 'en', h.audioDir);
    h.google!.register(wav, 'en-US', { transcript: 'graffiti on the library wall', confidence: 0.8 });
    const before = h.google!.calls.length;
    const rec = await caller.record(wav);
    await Promise.all([rec.callback(), rec.callback(), rec.callback()]);
    await h.transcribed(rec.sid);
    await rec.callback();
    await h.ctx.queue.add('voice-transcription', 'transcribe', { recordingSid: rec.sid }, { jobId: rec.sid });
    await new Promise((r) => setTimeout(r, 500));
    expect(h.google!.calls.length - before).toBe(1);
    const { rows } = await h.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM voice_recordings WHERE recording_sid = $1', [rec.sid]);
    expect(rows[0].n).toBe(1);
  });

  it('turns away webhooks with a bad signature, storing nothing', async () => {
    const params = { CallSid: `CA${'f'.repeat(32)}`, From: '+16175550100', AccountSid: 'AC1' };
    const count = async () =>
      (await h.ctx.db.query<{ n: number }>('SELECT (SELECT count(*) FROM conversations)::int + (SELECT count(*) FROM voice_recordings)::int AS n'))
        .rows[0].n;
    const before = await count();
    expect((await h.post('/channels/voice', params, 'bm90IGEgc2lnbmF0dXJl')).status).toBe(403);
    expect(
      (await h.post('/channels/voice/recording', { ...params, RecordingSid: `RE${'1'.repeat(32)}`, RecordingStatus: 'completed' }, '')).status,
    ).toBe(403);
    expect((await h.post('/channels/voice/status', { ...params, CallStatus: 'completed' }, 'x')).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('keeps the history of a call in the case events', async () => {
    const { rows } = await h.ctx.db.query<{ id: string }>(
      "SELECT service_request_id AS id FROM cases WHERE channel = 'voice' ORDER BY service_request_id LIMIT 1",
    );
    const types = (await listEvents(h.ctx.db, Number(rows[0].id))).map((e) => e.type);
    expect(types[0]).toBe('opened');
    expect(types).toContain('followed');
  });
});
