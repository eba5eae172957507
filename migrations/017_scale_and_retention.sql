-- Growth to a million cases (issue 24). Each index below is here because `npm run bench:scale -- --explain MS` showed
-- a plan that read rows in proportion to the whole store; with it, the same query reads in proportion to its page.
-- Writes pay one b-tree insert per index (log N), so intake latency stays flat as the store grows.

-- Case lists (public home page, staff API, Open311 `requests`) are ordered by tracking number, newest first. A
-- category filter walked the primary key backwards and discarded every other category: for a rare one (dead
-- animals, about 1 case in 10,000) that read most of the table to fill a page. The old (service_code, created_at)
-- index found the rows but not in the wanted order.
CREATE INDEX IF NOT EXISTS cases_code_id ON cases (service_code, service_request_id DESC);

-- Open and in-progress cases, newest first: staff queues and Open311 `status=open` (which asks for both statuses, so
-- one b-tree on status cannot return them in id order). Partial, because nearly all of a three-year store is closed;
-- the planner uses it for `status = ANY('{open,in_progress}')` and for either status alone.
CREATE INDEX IF NOT EXISTS cases_open_id ON cases (service_request_id DESC) WHERE status <> 'closed';

-- Open311 `start_date`/`end_date` windows: a week a year ago was a sequential scan and a sort.
CREATE INDEX IF NOT EXISTS cases_created ON cases (created_at);

-- A public case page lists the cases merged into it: that was a sequential scan of cases on every page view.
CREATE INDEX IF NOT EXISTS cases_duplicate_of ON cases (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- Events by time: the live stream's late-commit look-back (`id > $1 OR created_at > now() - 10 s`, now a BitmapOr of
-- two index ranges instead of a parallel sequential scan) and the lower id bound of Open311 `servicerequestupdates`
-- (see listPublicHistory: the newest event created an hour before `start_date` bounds where the id scan starts).
CREATE INDEX IF NOT EXISTS case_events_created ON case_events (created_at);

-- Retention: when a closed case's personal data was purged (src/storage/retention-repo.ts). The partial index holds
-- only closed cases not yet purged, in closure order, so the housekeeping batch reads its next 500 from the front
-- of the index instead of scanning every closed case (about 95% of a three-year store); purged cases leave it.
ALTER TABLE cases ADD COLUMN IF NOT EXISTS personal_data_purged_at timestamptz;
CREATE INDEX IF NOT EXISTS cases_purge_due ON cases (closed_at) WHERE status = 'closed' AND personal_data_purged_at IS NULL;

-- The purge clears raw payloads by case; inbound_messages had no index on case_id, so each batch scanned the table.
CREATE INDEX IF NOT EXISTS inbound_messages_case ON inbound_messages (case_id) WHERE case_id IS NOT NULL;
