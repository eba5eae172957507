-- Retention: when a closed case's personal data was purged (src/storage/retention-repo.ts). The partial index holds
-- only closed cases not yet purged, in closure order, so the housekeeping batch reads its next 500 from the front
-- of the index instead of scanning every closed case (about 95% of a three-year store); purged cases leave it.
ALTER TABLE cases ADD COLUMN IF NOT EXISTS personal_data_purged_at timestamptz;
CREATE INDEX IF NOT EXISTS cases_purge_due ON cases (closed_at) WHERE status = 'closed' AND personal_data_purged_at IS NULL;
-- The purge clears raw payloads by case; inbound_messages had no index on case_id, so each batch scanned the table.
CREATE INDEX IF NOT EXISTS inbound_messages_case ON inbound_messages (case_id) WHERE case_id IS NOT NULL;
