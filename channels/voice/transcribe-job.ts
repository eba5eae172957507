import type { SpeechClient } from '@google-cloud/speech';
import type { AppContext } from '../../src/context';
import { PermanentSendError } from '../../src/errors';
import type { JobHandler, RetryPolicy } from '../../src/queue/job-queue';
import { inTransaction } from '../../src/storage/unit-of-work';
import { loadCall } from './call-store';
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
export async function enqueueTranscription(ctx: AppContext, recordingSid: string): Promise<void> {
  await ctx.queue.add(TRANSCRIPTION_QUEUE, 'transcribe', { recordingSid }, { jobId: recordingSid });
}

/**
 * Transcribes one recording: downloads it from Twilio, sends it to Google Speech-to-Text (or, with no Google
 * configured, records that no engine ran), stores the result, and updates the case if the call was
 * already filed. Idempotent: only a pending recording is processed, and only once stored.
 */
export function transcriptionHandler(ctx: AppContext, client: SpeechClient | undefined, phrases: string[]): JobHandler {
  return async (job) => {
    const recordingSid = String(job.data.recordingSid ?? '');
    const recording = await getRecording(ctx.db, recordingSid);
    if (!recording || recording.status !== 'pending') return;
    if (!client || !recording.recording_url) {
      await storeOutcome(ctx, recording.call_sid, recordingSid, { status: 'done', transcript: '', confidence: null, engine: 'none' });
      return;
    }
    try {
      const wav = await downloadRecording(ctx.config.twilio, recording.recording_url);
      const heard = await recognize(client, wav, recording.language, phrases);
      await storeOutcome(ctx, recording.call_sid, recordingSid, { status: 'done', transcript: heard.transcript, confidence: heard.confidence, engine: 'google' });
      ctx.log.info({ recordingSid, callSid: recording.call_sid, words: heard.transcript.split(/\s+/).filter(Boolean).length }, 'voice: recording transcribed');
    } catch (err) {
      const last = err instanceof PermanentSendError || job.attemptsMade + 1 >= TRANSCRIPTION_RETRY.attempts;
      ctx.log.warn({ recordingSid, attempt: job.attemptsMade + 1, last, err: (err as Error).message }, 'voice: transcription failed');
      if (last) await storeOutcome(ctx, recording.call_sid, recordingSid, { status: 'failed', error: (err as Error).message, engine: 'google' });
      throw err;
    }
  };
}

/** Stores a recording's outcome and, if the call was already filed, brings the case up to date. */
export async function storeOutcome(ctx: AppContext, callSid: string, recordingSid: string, outcome: RecordingOutcome): Promise<void> {
  await inTransaction(ctx.db, async (uow) => {
    // The call's row first, as every call step locks it first: the case is either filed before this
    // (and updated here) or after (and reads the transcript), never neither.
    const { state, known } = await loadCall(uow, callSid);
    const stored = await finishRecording(uow.tx, recordingSid, outcome);
    if (stored && known && state.caseId) await applyLateTranscript(ctx, uow, state, await listCallRecordings(uow.tx, callSid));
  });
}
