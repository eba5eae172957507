import type { SpeechClient } from '@google-cloud/speech';
import type { ChannelContext, JobHandler, RetryPolicy } from '../../src/channels/channel';
import { PermanentSendError } from '../../src/errors';
import { withRecording } from './call-decision';
import type { CallState } from './call-state';
import { applyLateTranscript } from './file-call';
import { recognize } from './recognizer';
import { downloadRecording } from './recording-download';
import { finishRecording, getRecording, listCallRecordings, type RecordingOutcome } from './recordings-repo';

export const TRANSCRIPTION_QUEUE = 'voice-transcription';

/**
 * A caller is holding the line for the answer, so retries are few and quick; after the last one the
 * recording is marked failed and the call moves on (re-asking once, then filing for staff).
 */
export const TRANSCRIPTION_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 4000 };

/**
 * Queues a recording for transcription; the RecordingSid is the job id, so a repeated callback (or the sweeper)
 * adds nothing while the job waits or runs. Callers note it on the row first (`markQueued`): the row, not the
 * queue, is the durable record, so a job lost with Redis is queued again by the sweeper.
 */
export async function enqueueTranscription(ctx: ChannelContext, recordingSid: string): Promise<void> {
  await ctx.queue.add(TRANSCRIPTION_QUEUE, 'transcribe', { recordingSid }, { jobId: recordingSid });
}

/**
 * Transcribes one recording: downloads it from Twilio, sends it to Google Speech-to-Text (or, with no Google
 * configured, records that no engine ran), stores the result, and updates the case if the call was
 * already filed. Idempotent: only a pending recording is processed, and only once stored.
 */
export function transcriptionHandler(ctx: ChannelContext, client: SpeechClient | undefined, phrases: string[]): JobHandler {
  return async (job) => {
    const recordingSid = String(job.data.recordingSid ?? '');
    const recording = await getRecording(ctx.sql, recordingSid);
    if (recording?.status !== 'pending') return;
    if (!client || !recording.recording_url) {
      await storeOutcome(ctx, recording.call_sid, recordingSid, { status: 'done', transcript: '', confidence: null, engine: 'none' });
      return;
    }
    try {
      const wav = await downloadRecording(ctx.config.twilio, recording.recording_url);
      const heard = await recognize(client, wav, ctx.locales.meta(recording.language).voice.speech, phrases);
      await storeOutcome(ctx, recording.call_sid, recordingSid, {
        status: 'done',
        transcript: heard.transcript,
        confidence: heard.confidence,
        engine: 'google',
      });
      ctx.log.info(
        { recordingSid, callSid: recording.call_sid, words: heard.transcript.split(/\s+/).filter(Boolean).length },
        'voice: recording transcribed',
      );
    } catch (err) {
      const last = err instanceof PermanentSendError || job.attemptsMade + 1 >= TRANSCRIPTION_RETRY.attempts;
      ctx.log.warn({ recordingSid, attempt: job.attemptsMade + 1, last, err: (err as Error).message }, 'voice: transcription failed');
      if (last) await storeOutcome(ctx, recording.call_sid, recordingSid, { status: 'failed', error: (err as Error).message, engine: 'google' });
      throw err;
    }
  };
}

/**
 * Stores a recording's outcome on this channel's own table and, if the call was already filed, brings the case up
 * to date through the port: the case first, so once a recording reads done its words are on the case. Filing checks
 * the recordings again once it has committed, so whichever of the two happens last applies the transcript: never neither.
 */
export async function storeOutcome(ctx: ChannelContext, callSid: string, recordingSid: string, outcome: RecordingOutcome): Promise<void> {
  const recordings = await listCallRecordings(ctx.sql, callSid);
  const mine = recordings.find((r) => r.recording_sid === recordingSid);
  if (mine?.status !== 'pending') return;
  const call = await ctx.port.conversations.get<CallState>('voice', callSid);
  if (call?.state.caseId) {
    const after = withRecording(recordings, { kind: 'recording', recordingSid, language: call.state.language, outcome });
    await applyLateTranscript(ctx, call.state, after);
  }
  await finishRecording(ctx.sql, recordingSid, outcome);
}
