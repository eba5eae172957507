-- Voice: the recording row is the durable record of its transcription job. `queued_at` is when a job was last
-- asked for and `queue_count` how many times, so a sweeper can re-queue a recording whose job was lost (Redis
-- emptied before the job ran) and give up after a bound instead of leaving it pending for ever.
ALTER TABLE voice_recordings ADD COLUMN IF NOT EXISTS queued_at timestamptz;
ALTER TABLE voice_recordings ADD COLUMN IF NOT EXISTS queue_count integer NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS voice_recordings_pending ON voice_recordings (created_at) WHERE status = 'pending';
