-- The X channel's category questions (its own table): one row per resident tweet we asked about, so a question
-- left unanswered for CONVERSATION_TIMEOUT_MINUTES is filed with the classifier's best guess, exactly once, by the
-- channel's sweeper, whatever happened to the queue or the worker in between. settled_at: answered, asked again
-- under a later reply, or filed unanswered.
CREATE TABLE IF NOT EXISTS twitter_questions (
  tweet_id text PRIMARY KEY,
  author_id text NOT NULL,
  asked_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz
);
CREATE INDEX IF NOT EXISTS twitter_questions_open ON twitter_questions (asked_at) WHERE settled_at IS NULL;
