-- Photos: one row per media item a case received (a resident's photo, a staff closure photo). The row is the
-- durable record of its ingest job: the worker downloads, checks, strips and resizes it, and records what it stored.
-- Rows are written by a trigger on cases (migrations/repeatable/media.sql), in the same transaction as the case
-- change that brought the photo, so no photo is lost or ingested twice.
CREATE TABLE IF NOT EXISTS media_items (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (service_request_id),
  kind text NOT NULL CHECK (kind IN ('report', 'closure')),
  position integer NOT NULL,
  channel text NOT NULL,
  source_url text,
  declared_type text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'ready', 'refused', 'failed', 'deleted')),
  reason text,
  hidden boolean NOT NULL DEFAULT false,
  jobs integer NOT NULL DEFAULT 0,
  queued_at timestamptz,
  claimed_at timestamptz,
  content_type text,
  bytes integer,
  width integer,
  height integer,
  sha256 text,
  stored jsonb NOT NULL DEFAULT '{}',
  gps_lat double precision,
  gps_lon double precision,
  original_deleted_at timestamptz,
  processed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, kind, position)
);
CREATE INDEX IF NOT EXISTS media_items_unsettled ON media_items (id) WHERE status IN ('pending', 'processing');
CREATE INDEX IF NOT EXISTS media_items_originals ON media_items (processed_at) WHERE status = 'ready' AND original_deleted_at IS NULL;
