-- Interrupted sends: a row a worker died on is marked (interrupted_at) instead of only failed, so the reconciler can
-- ask the provider whether it went out, and staff cannot retry it before that is settled (reconciled_at). The
-- claim time bounds the provider lookup. X feed posts are told apart from replies so the feed gets only its share
-- of the post pacing windows.
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS claimed_at timestamptz;
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS interrupted_at timestamptz;
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS reconciled_at timestamptz;
CREATE INDEX IF NOT EXISTS notifications_unreconciled ON notifications (interrupted_at, id) WHERE interrupted_at IS NOT NULL AND reconciled_at IS NULL;
ALTER TABLE twitter_posts ADD COLUMN IF NOT EXISTS feed boolean NOT NULL DEFAULT false;
