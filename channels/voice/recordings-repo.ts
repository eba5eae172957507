import type { ChannelSql } from '../../src/channels/port';
import type { Language } from '../../src/domain/classifier';

/** This channel's own table (voice_recordings, migrations 004 and 009), reached through the port's SQL. */
type Sql = Pick<ChannelSql, 'query'>;

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

/** What a call's steps read of its recordings (a step's own new recording has no row yet). */
export type RecordingFacts = Pick<VoiceRecording, 'recording_sid' | 'recording_url' | 'status' | 'transcript' | 'confidence' | 'engine'>;

/** How a recording's transcription ended. */
export type RecordingOutcome =
  | { status: 'done'; transcript: string; confidence: number | null; engine: TranscriptEngine }
  | { status: 'failed'; error: string; engine: TranscriptEngine };

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
  const { rows } = await sql.query<VoiceRecording>('SELECT * FROM voice_recordings WHERE call_sid = $1 ORDER BY created_at, recording_sid', [
    callSid,
  ]);
  return rows;
}

/** Stores the outcome of transcription; only a pending row changes, so a redelivered job cannot overwrite a result. */
export async function finishRecording(tx: Sql, recordingSid: string, outcome: RecordingOutcome): Promise<VoiceRecording | undefined> {
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

/** Notes that a transcription job is being asked for, before it is queued: the row, not the queue, is the record. */
export async function markQueued(tx: Sql, recordingSid: string): Promise<void> {
  await tx.query("UPDATE voice_recordings SET queued_at = now(), queue_count = queue_count + 1 WHERE recording_sid = $1 AND status = 'pending'", [
    recordingSid,
  ]);
}

/**
 * Claims pending recordings whose last job (or, never queued, whose row) is older than `graceMs` and that were
 * queued fewer than `maxQueued` times, marking them queued again. Rows another sweeper is claiming are skipped,
 * so two sweepers never claim the same recording in the same round.
 */
export async function claimStalled(sql: Sql, graceMs: number, maxQueued: number, limit = 100): Promise<string[]> {
  const { rows } = await sql.query<{ recording_sid: string }>(
    `UPDATE voice_recordings SET queued_at = now(), queue_count = queue_count + 1
     WHERE recording_sid IN (
       SELECT recording_sid FROM voice_recordings
       WHERE status = 'pending' AND queue_count < $2 AND COALESCE(queued_at, created_at) < now() - make_interval(secs => $1::double precision / 1000)
       ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING recording_sid`,
    [graceMs, maxQueued, limit],
  );
  return rows.map((r) => r.recording_sid);
}

/** Pending recordings queued `maxQueued` times whose last job is older than `graceMs`: their jobs never finished. */
export async function listAbandoned(
  sql: Sql,
  graceMs: number,
  maxQueued: number,
  limit = 100,
): Promise<Array<Pick<VoiceRecording, 'recording_sid' | 'call_sid'>>> {
  const { rows } = await sql.query<Pick<VoiceRecording, 'recording_sid' | 'call_sid'>>(
    `SELECT recording_sid, call_sid FROM voice_recordings
     WHERE status = 'pending' AND queue_count >= $2 AND COALESCE(queued_at, created_at) < now() - make_interval(secs => $1::double precision / 1000)
     ORDER BY created_at LIMIT $3`,
    [graceMs, maxQueued, limit],
  );
  return rows;
}
