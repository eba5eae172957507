-- Every post the city's X account made (or is about to make): paces posting under X's windows across
-- workers, and maps a tweet id we posted back to its case so replies under it become comments.
CREATE TABLE IF NOT EXISTS twitter_posts (
  id bigserial PRIMARY KEY,
  tweet_id text UNIQUE,
  case_id bigint REFERENCES cases (service_request_id),
  notification_id bigint REFERENCES notifications (id),
  posted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS twitter_posts_posted ON twitter_posts (posted_at);
