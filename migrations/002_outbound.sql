-- Outbound publisher: the text as sent (for staff, and for /try to show simulated messages), and the
-- index the relay uses to find rows stuck in 'queued' or 'sending' after a restart or a lost Redis.
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS body text;
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS media_url text;
CREATE INDEX IF NOT EXISTS notifications_in_flight ON notifications (status, updated_at) WHERE status IN ('queued', 'sending');
