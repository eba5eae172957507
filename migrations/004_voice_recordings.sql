-- Voice: one row per call recording (Twilio RecordingSid), with its transcription. The primary key makes the
-- recording status callback and the transcription job idempotent; the call reads its transcript from here.
CREATE TABLE IF NOT EXISTS voice_recordings (
  recording_sid text PRIMARY KEY,
  call_sid text NOT NULL,
  recording_url text,
  duration_seconds integer,
  language text NOT NULL DEFAULT 'en',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  transcript text,
  confidence double precision,
  engine text,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS voice_recordings_call ON voice_recordings (call_sid, created_at);
