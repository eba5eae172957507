-- Leases: a named job that must run in one process at a time however many workers run (the X mentions poll,
-- housekeeping). The holder renews before expires_at; a holder that died loses it when expires_at passes.
CREATE TABLE IF NOT EXISTS leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  expires_at timestamptz NOT NULL
);
