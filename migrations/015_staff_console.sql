-- The staff console (issue 16): per-person accounts, database sessions, the audit log, canned replies, and the
-- case fields staff work with (assignee, priority, a redacted public description).

CREATE TABLE IF NOT EXISTS staff_users (
  id bigserial PRIMARY KEY,
  -- Stored lower-case, so sign-in and uniqueness ignore case.
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  departments text[] NOT NULL DEFAULT '{}',
  -- scrypt$N$r$p$salt$hash; null until the person follows their sign-in link.
  password_hash text,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One-time sign-in links (new accounts, password resets); only the SHA-256 of the secret is kept.
CREATE TABLE IF NOT EXISTS staff_sign_in_links (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES staff_users (id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Sessions by the SHA-256 of the cookie's secret: a copy of this table signs no one in.
CREATE TABLE IF NOT EXISTS staff_sessions (
  id_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES staff_users (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_sessions_user ON staff_sessions (user_id);

-- Every staff action: who, what, on what, before and after.
CREATE TABLE IF NOT EXISTS staff_audit_log (
  id bigserial PRIMARY KEY,
  actor text NOT NULL,
  user_id bigint REFERENCES staff_users (id),
  action text NOT NULL,
  target text,
  before jsonb,
  after jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS staff_audit_log_created ON staff_audit_log (created_at DESC, id DESC);

CREATE TABLE IF NOT EXISTS canned_responses (
  id bigserial PRIMARY KEY,
  language text NOT NULL CHECK (language IN ('en', 'es')),
  title text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE cases ADD COLUMN IF NOT EXISTS assignee_id bigint REFERENCES staff_users (id);
ALTER TABLE cases ADD COLUMN IF NOT EXISTS priority text NOT NULL DEFAULT 'normal';
ALTER TABLE cases ADD COLUMN IF NOT EXISTS public_description text;
CREATE INDEX IF NOT EXISTS cases_assignee ON cases (assignee_id);
CREATE INDEX IF NOT EXISTS cases_department_status ON cases (department, status);

-- Full-text search over descriptions and staff notes; 'simple' so English and Spanish words both match as typed.
CREATE INDEX IF NOT EXISTS cases_description_fts ON cases USING gin (to_tsvector('simple', description));
-- Partial: only notes are searched, so other events (every message and status change) pay nothing for it.
CREATE INDEX IF NOT EXISTS case_events_note_fts ON case_events USING gin (to_tsvector('simple', COALESCE(data->>'text', ''))) WHERE type = 'note';

INSERT INTO canned_responses (language, title, body) VALUES
  ('en', 'Crew scheduled', 'Thanks for your report. A crew is scheduled to look at it this week.'),
  ('es', 'Equipo programado', 'Gracias por su reporte. Un equipo lo revisará esta semana.'),
  ('en', 'Need more detail', 'Thanks for your report. Can you tell us the nearest house number or cross street?'),
  ('es', 'Más detalles', 'Gracias por su reporte. ¿Nos puede decir el número de casa o la calle más cercana?');
