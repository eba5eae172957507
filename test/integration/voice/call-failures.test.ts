import { listEvents } from '../../../src/storage/events-repo';
import { silenceWav, synthesizeSpeech } from '../../fixtures/voice/synthesize';
import { Caller, spoken, type VoiceHarness, voiceForSuite } from './voice-harness';

const UNAVAILABLE = 14;
const PERMISSION_DENIED = 7;

describe('calls that go wrong', () => {
  let h: VoiceHarness;
  voiceForSuite({ google: true }, (started) => (h = started));

  it('re-prompts a silent caller once, offers a message, and files nothing if they still say nothing', async () => {
    const caller = new Caller(h);
    await caller.dial();
    await caller.press('/channels/voice/language', '1');
    const again = await caller.nothing('/channels/voice/recorded');
    expect(spoken(again)).toEqual([
      'Sorry, we did not hear anything.',
      'After the tone, describe the problem and where it is. Press pound when done.',
    ]);
    const offer = await caller.nothing('/channels/voice/recorded');
    expect(spoken(offer).join(' ')).toContain('You can leave a message and our staff will file it for you.');
    expect(offer).toContain('<Record ');
    const bye = await caller.nothing('/channels/voice/recorded');
    expect(bye).toContain('<Hangup/>');
    await caller.hangUp();
    expect(await h.caseOf(caller.callSid)).toBeUndefined();
  });

  it('files a message left for staff under the default category, with its transcript', async () => {
    const caller = new Caller(h);
    await caller.dial();
    await caller.press('/channels/voice/language', '1');
    await caller.nothing('/channels/voice/recorded');
    await caller.nothing('/channels/voice/recorded');
    const wav = synthesizeSpeech('Please call me back about the noise at night.', 'en', h.audioDir);
    h.google!.register(wav, 'en-US', { transcript: 'please call me back about the noise at night', confidence: 0.9 });
    const rec = await caller.record(wav);
    expect(spoken(rec.twiml)[0]).toBe('Our staff will listen to your message and choose the right department.');
    expect(spoken(rec.twiml)[1]).toMatch(/^Thank you. Your report is filed. Your tracking number is: [\d, ]+\.$/);
    await rec.callback();
    await h.transcribed(rec.sid);
    const c = await h.caseOf(caller.callSid);
    expect(c).toMatchObject({ service_code: 'other', description: 'please call me back about the noise at night' });
    expect(c!.details).toMatchObject({ call_outcome: 'message_for_staff', transcript_engine: 'google', transcription_pending: false });
  });

  it('still files a case when the caller hangs up after recording, and fills it in when the transcript arrives', async () => {
    const caller = new Caller(h);
    await caller.dial();
    await caller.press('/channels/voice/language', '1');
    const wav = synthesizeSpeech('A street light is out on Beacon Street.', 'en', h.audioDir);
    h.google!.register(wav, 'en-US', { transcript: 'a street light is out on Beacon Street', confidence: 0.9 });
    const rec = await caller.record(wav, { hangUp: true });
    await caller.hangUp();
    await caller.hangUp();

    const filed = await h.caseOf(caller.callSid);
    expect(filed).toMatchObject({ service_code: 'other', description: '' });
    expect(filed!.details).toMatchObject({
      call_outcome: 'hung_up',
      transcript_engine: 'none',
      transcription_pending: true,
      recording_sids: [rec.sid],
    });

    await rec.callback();
    await h.transcribed(rec.sid);
    const later = await h.caseOf(caller.callSid);
    expect(later).toMatchObject({
      service_request_id: filed!.service_request_id,
      service_code: 'streetlight',
      description: 'a street light is out on Beacon Street',
    });
    expect(later!.details).toMatchObject({ transcript_engine: 'google', transcription_pending: false });
    const events = await listEvents(h.ctx.db, filed!.service_request_id);
    expect(events.map((e) => e.type)).toEqual(['opened', 'updated', 'recategorized']);
    const { rows } = await h.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE reporter @> $1', [
      JSON.stringify({ phone: caller.from }),
    ]);
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('asks again once when transcription fails, then files the call for staff', async () => {
    const caller = new Caller(h, '+16175550123');
    await caller.dial();
    await caller.press('/channels/voice/language', '1');
    h.google!.failNext(3, UNAVAILABLE);
    const first = await caller.record(synthesizeSpeech('The sidewalk is broken.', 'en', h.audioDir));
    await first.callback();
    await caller.nothing('/channels/voice/address');
    await h.transcribed(first.sid);
    const retry = await caller.nothing('/channels/voice/address');
    expect(spoken(retry)).toEqual([
      'Sorry, we could not understand your message.',
      'After the tone, describe the problem and where it is. Press pound when done.',
    ]);

    h.google!.failNext(1, PERMISSION_DENIED);
    const second = await caller.record(silenceWav(2, h.audioDir));
    await second.callback();
    await h.transcribed(second.sid);
    const answer = await caller.holdUntilAsked(second.twiml);
    expect(spoken(answer).slice(0, 2)).toEqual([
      'Sorry, we could not understand your message.',
      'Our staff will listen to your message and choose the right department.',
    ]);
    expect(spoken(answer).join(' ')).toContain('Your tracking number is');

    const c = await h.caseOf(caller.callSid);
    expect(c).toMatchObject({ service_code: 'other', description: '' });
    expect(c!.details).toMatchObject({ transcript_engine: 'none', recording_sids: [first.sid, second.sid] });
    const failed = await h.ctx.db.query<{ status: string }>('SELECT status FROM voice_recordings WHERE call_sid = $1 ORDER BY created_at', [
      caller.callSid,
    ]);
    expect(failed.rows.map((r) => r.status)).toEqual(['failed', 'failed']);
  });
});
