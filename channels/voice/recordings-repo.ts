import type { Language } from '../../src/domain/classifier';
import type { Sql } from '../../src/storage/database';

/** Which recogniser produced a case's text: Google STT, Twilio's own speech recognition, or none (a recording only). */
export type TranscriptEngine = 'google' | 'twilio-speech' | 'none';

/** A call recording and where its transcription stands. */
export interface VoiceRecording {
  recording_sid: string;
  call_sid: string;
  recording_url: string | null;
  duration_seconds: number | null;
  language: Language;
  status: 'pending' | 'done' | 'failed';
  transcript: string | null;
  confidence: number | null;
  engine: TranscriptEngine | null;
  error: string | null;
  created_at: Date;
}

/**
 * Records a recording once; a second report of it (Record's action and the recording status callback both
 * carry it, and Twilio retries) only fills in what was missing. Returns the stored row.
 */
export async function upsertRecording(
  tx: Sql,
  r: { recordingSid: string; callSid: string; url?: string; durationSeconds?: number; language: Language },
): Promise<VoiceRecording> {
  const { rows } = await tx.query<VoiceRecording>(
    `INSERT INTO voice_recordings (recording_sid, call_sid, recording_url, duration_seconds, language)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (recording_sid) DO UPDATE SET
       recording_url = COALESCE(voice_recordings.recording_url, EXCLUDED.recording_url),
       duration_seconds = COALESCE(voice_recordings.duration_seconds, EXCLUDED.duration_seconds)
     RETURNING *`,
    [r.recordingSid, r.callSid, r.url ?? null, r.durationSeconds ?? null, r.language],
  );
  return rows[0];
}

export async function getRecording(sql: Sql, recordingSid: string): Promise<VoiceRecording | undefined> {
  const { rows } = await sql.query<VoiceRecording>('SELECT * FROM voice_recordings WHERE recording_sid = $1', [recordingSid]);
  return rows[0];
}

/** A call's recordings, oldest first. */
export async function listCallRecordings(sql: Sql, callSid: string): Promise<VoiceRecording[]> {
  const { rows } = await sql.query<VoiceRecording>('SELECT * FROM voice_recordings WHERE call_sid = $1 ORDER BY created_at, recording_sid', [callSid]);
  return rows;
}

/** Stores the outcome of transcription; only a pending row changes, so a redelivered job cannot overwrite a result. */
export async function finishRecording(
  tx: Sql,
  recordingSid: string,
  outcome: { status: 'done'; transcript: string; confidence: number | null; engine: TranscriptEngine } | { status: 'failed'; error: string; engine: TranscriptEngine },
): Promise<VoiceRecording | undefined> {
  const { rows } = await tx.query<VoiceRecording>(
    `UPDATE voice_recordings SET status = $2, transcript = $3, confidence = $4, engine = $5, error = $6, updated_at = now()
     WHERE recording_sid = $1 AND status = 'pending' RETURNING *`,
    [
      recordingSid,
      outcome.status,
      outcome.status === 'done' ? outcome.transcript : null,
      outcome.status === 'done' ? outcome.confidence : null,
      outcome.engine,
      outcome.status === 'failed' ? outcome.error : null,
    ],
  );
  return rows[0];
}
