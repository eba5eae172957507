-- Connectors: deliveries of case changes to the city's work-order systems (issue 18). The trigger that writes a
-- delivery in the transaction of the case event is in repeatable/connectors.sql; the connectors table mirrors
-- CONNECTORS_PATH (synced at start-up) so that trigger can tell which connector wants which service code.
CREATE TABLE IF NOT EXISTS connectors (
  id text PRIMARY KEY,
  type text NOT NULL,
  -- NULL: every service code ("*").
  service_codes text[] DEFAULT '{}',
  -- Cases of these departments too, whatever their code.
  departments text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  -- The status pull's position downstream (e.g. the last servicerequestupdates time seen).
  poll_cursor text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per (connector, case event): the unique key is what makes a delivery exactly once.
CREATE TABLE IF NOT EXISTS connector_deliveries (
  id bigserial PRIMARY KEY,
  connector_id text NOT NULL REFERENCES connectors (id),
  case_id bigint NOT NULL REFERENCES cases (service_request_id),
  event_id bigint NOT NULL REFERENCES case_events (id),
  kind text NOT NULL CHECK (kind IN ('opened', 'updated', 'closed')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'queued', 'sending', 'sent', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  external_id text,
  claimed_at timestamptz,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (connector_id, event_id)
);
CREATE INDEX IF NOT EXISTS connector_deliveries_pending ON connector_deliveries (status, id);
CREATE INDEX IF NOT EXISTS connector_deliveries_case ON connector_deliveries (case_id, connector_id, id);

-- What a downstream system knows our case as: its id, or the token it answered with until the id is known.
CREATE TABLE IF NOT EXISTS connector_links (
  connector_id text NOT NULL REFERENCES connectors (id),
  case_id bigint NOT NULL REFERENCES cases (service_request_id),
  external_id text,
  token text,
  external_status text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connector_id, case_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS connector_links_external ON connector_links (connector_id, external_id);

-- Status changes received from downstream, once each (a poll seeing the same update twice, a replayed webhook).
CREATE TABLE IF NOT EXISTS connector_updates (
  connector_id text NOT NULL REFERENCES connectors (id),
  update_id text NOT NULL,
  case_id bigint NOT NULL REFERENCES cases (service_request_id),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connector_id, update_id)
);
