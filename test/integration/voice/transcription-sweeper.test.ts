import { voiceChannel } from '../../../channels/voice';
import { MAX_QUEUED, startTranscriptionSweeper } from '../../../channels/voice/transcription-sweeper';
import type { Stop } from '../../../src/channels/channel';
import { audioKey } from '../../fakes/google-speech';
import { synthesizeSpeech } from '../../fixtures/voice/synthesize';
import { Caller, type VoiceHarness, voiceForSuite } from './voice-harness';

/** A caller who records a description and hangs up; Twilio's recording callback (which queues the job) is never sent. */
async function hangUpAfterRecording(h: VoiceHarness, words: string, transcript: string): Promise<{ caller: Caller; sid: string; wav: Buffer }> {
  const caller = new Caller(h);
  await caller.dial();
  await caller.press('/channels/voice/language', '1');
  const wav = synthesizeSpeech(words, 'en', h.audioDir);
  h.google!.register(wav, 'en-US', { transcript, confidence: 0.9 });
  const rec = await caller.record(wav, { hangUp: true });
  await caller.hangUp();
  return { caller, sid: rec.sid, wav };
}

/** Marks the recording's job as asked for long ago, as the recording callback does, without queueing it: a job lost with Redis. */
async function loseJob(h: VoiceHarness, sid: string, jobs = 1): Promise<void> {
  await h.ctx.db.query("UPDATE voice_recordings SET queued_at = now() - interval '10 minutes', queue_count = $2 WHERE recording_sid = $1", [
    sid,
    jobs,
  ]);
}

const recognitionsOf = (h: VoiceHarness, wav: Buffer) => h.google!.calls.filter((c) => c.audioSha256 === audioKey(wav)).length;
const downloadsOf = (h: VoiceHarness, sid: string) => h.media.requests.filter((r) => r.path.includes(sid)).length;

/** Two sweepers that only sweep when told to (their interval, and grace, is a minute). */
async function sweepTogether(h: VoiceHarness): Promise<void> {
  const a = startTranscriptionSweeper(h.ctx, { everyMs: 60_000 });
  const b = startTranscriptionSweeper(h.ctx, { everyMs: 60_000 });
  await Promise.all([a.sweep(), b.sweep()]);
  await Promise.all([a.stop(), b.stop()]);
}

describe("the voice worker's transcription sweeper", () => {
  let h: VoiceHarness;
  let secondWorker: Stop | undefined;
  voiceForSuite({ google: true, env: { VOICE_TRANSCRIPTION_SWEEP_SECONDS: '1' } }, (started) => (h = started));
  beforeAll(async () => {
    // A second worker process's sweeper and transcription worker, on the same database and queue.
    secondWorker = await voiceChannel.startWorker!(h.ctx);
  });
  afterAll(async () => {
    await secondWorker?.();
  });

  it('transcribes a recording whose job was lost, exactly once with two workers running, and fills in the case', async () => {
    const { caller, sid, wav } = await hangUpAfterRecording(h, 'There is a pothole on Elm Street.', 'there is a pothole on Elm Street');
    await loseJob(h, sid);
    const filed = await h.caseOf(caller.callSid);
    expect(filed!.details).toMatchObject({ call_outcome: 'hung_up', transcription_pending: true });

    expect(await h.transcribed(sid)).toEqual({ status: 'done', transcript: 'there is a pothole on Elm Street' });
    const later = await h.caseOf(caller.callSid);
    expect(later).toMatchObject({
      service_request_id: filed!.service_request_id,
      service_code: 'pothole',
      description: 'there is a pothole on Elm Street',
    });
    expect(later!.details).toMatchObject({ transcript_engine: 'google', transcription_pending: false });

    await sweepTogether(h);
    expect([recognitionsOf(h, wav), downloadsOf(h, sid)]).toEqual([1, 1]);
  });
});

describe('transcription sweeps', () => {
  let h: VoiceHarness;
  // The worker's own sweeper (default interval) stays out of the way: these tests sweep when they choose.
  voiceForSuite({ google: true }, (started) => (h = started));

  it('queue a recording that only has its row once when two sweepers claim it at the same moment', async () => {
    const { sid, wav } = await hangUpAfterRecording(h, 'Graffiti on the wall of the library.', 'graffiti on the wall of the library');
    await h.ctx.db.query("UPDATE voice_recordings SET created_at = now() - interval '10 minutes' WHERE recording_sid = $1", [sid]);
    await sweepTogether(h);
    expect(await h.transcribed(sid)).toEqual({ status: 'done', transcript: 'graffiti on the wall of the library' });
    const { rows } = await h.ctx.db.query<{ queue_count: number }>('SELECT queue_count FROM voice_recordings WHERE recording_sid = $1', [sid]);
    expect(rows[0].queue_count).toBe(1);
    expect(recognitionsOf(h, wav)).toBe(1);
  });

  it('give up on a recording after its last job, so the case stops waiting for a transcript', async () => {
    const { caller, sid, wav } = await hangUpAfterRecording(h, 'A street light is out on Beacon Street.', 'a street light is out on Beacon Street');
    await loseJob(h, sid, MAX_QUEUED);
    await sweepTogether(h);
    expect(await h.transcribed(sid)).toEqual({ status: 'failed', transcript: null });
    const c = await h.caseOf(caller.callSid);
    expect(c).toMatchObject({ service_code: 'other', description: '' });
    expect(c!.details).toMatchObject({ call_outcome: 'hung_up', transcription_pending: false });
    expect(recognitionsOf(h, wav)).toBe(0);
  });
});
