-- intake311 schema. One set of migrations for PostgreSQL and PGlite: plain SQL, no extensions.

CREATE SEQUENCE IF NOT EXISTS case_number_seq START WITH 100001;

CREATE TABLE IF NOT EXISTS cases (
  service_request_id bigint PRIMARY KEY DEFAULT nextval('case_number_seq'),
  service_code text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'closed')),
  description text NOT NULL DEFAULT '',
  lat double precision,
  lon double precision,
  address text,
  media jsonb NOT NULL DEFAULT '[]',
  channel text NOT NULL,
  language text NOT NULL DEFAULT 'en',
  reporter jsonb NOT NULL DEFAULT '{}',
  public boolean NOT NULL DEFAULT true,
  department text,
  status_notes text,
  closure_media_url text,
  duplicate_of bigint REFERENCES cases (service_request_id),
  classification jsonb,
  attributes jsonb NOT NULL DEFAULT '{}',
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE INDEX IF NOT EXISTS cases_status_created ON cases (status, created_at DESC);
CREATE INDEX IF NOT EXISTS cases_code_created ON cases (service_code, created_at DESC);
CREATE INDEX IF NOT EXISTS cases_updated ON cases (updated_at DESC, service_request_id DESC);

CREATE TABLE IF NOT EXISTS case_events (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (service_request_id),
  type text NOT NULL,
  actor text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  public boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS case_events_case ON case_events (case_id, id);

-- Every message a provider delivered to us, once: the unique key is what makes webhooks idempotent.
CREATE TABLE IF NOT EXISTS inbound_messages (
  id bigserial PRIMARY KEY,
  channel text NOT NULL,
  provider_message_id text NOT NULL,
  case_id bigint REFERENCES cases (service_request_id),
  result jsonb,
  raw jsonb,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel, provider_message_id)
);

CREATE TABLE IF NOT EXISTS subscriptions (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (service_request_id),
  channel text NOT NULL,
  address text NOT NULL,
  language text NOT NULL DEFAULT 'en',
  role text NOT NULL DEFAULT 'reporter' CHECK (role IN ('reporter', 'follower')),
  active boolean NOT NULL DEFAULT true,
  thread_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, channel, address)
);
CREATE INDEX IF NOT EXISTS subscriptions_address ON subscriptions (channel, address);

-- The outbox. Rows are written in the transaction of the change they report; the relay queues them.
CREATE TABLE IF NOT EXISTS notifications (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (service_request_id),
  event_id bigint REFERENCES case_events (id),
  subscription_id bigint REFERENCES subscriptions (id),
  channel text NOT NULL,
  recipient text NOT NULL,
  kind text NOT NULL,
  language text NOT NULL DEFAULT 'en',
  params jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  provider_id text,
  provider_status text,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX IF NOT EXISTS notifications_pending ON notifications (status, id);
CREATE INDEX IF NOT EXISTS notifications_case ON notifications (case_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS notifications_provider ON notifications (channel, provider_id);

-- Per-address preferences: opt-out (SMS STOP) and the language we last spoke.
CREATE TABLE IF NOT EXISTS contacts (
  channel text NOT NULL,
  address text NOT NULL,
  opted_out boolean NOT NULL DEFAULT false,
  language text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, address)
);

-- Multi-step conversations (SMS by phone number, voice by CallSid), with their state.
CREATE TABLE IF NOT EXISTS conversations (
  channel text NOT NULL,
  conversation_key text NOT NULL,
  state jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, conversation_key)
);

CREATE TABLE IF NOT EXISTS api_tokens (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('staff', 'open311')),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Small durable key/values for channels (e.g. the Twitter mentions since_id).
CREATE TABLE IF NOT EXISTS channel_state (
  channel text NOT NULL,
  key text NOT NULL,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, key)
);
