-- A conversation's version: the core loads a conversation, lets the channel decide on it, then applies the
-- decision only if nobody changed the conversation in between (optimistic concurrency instead of a lock held
-- across the channel's decision).
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS version bigint NOT NULL DEFAULT 1;
