-- Growth to a million cases, second round (issue 24; the first is 017). Found with `npm run bench:scale`, with
-- `--explain MS` for the plans; the figures are in README "Growth".

-- Public text masked at write time. Every public read (Open311 `requests`, `/`, case pages, Atom, the live stream)
-- masked the description and address of each case it showed, on every request: for Open311's default page of
-- 1,000 cases that was 2,000 passes of maskPersonalData, the largest share of the route's CPU at any store size.
-- Intake and edits now store the masked copies with the case, so reads copy strings. `mask_version` names the
-- masking rules a copy was made with (MASK_VERSION in src/domain/public-text.ts): a copy of other rules is never
-- served. The trigger cases_masks_stale (migrations/repeatable/public-text.sql) clears the copies when the text
-- changes without them. Cases from before this migration have none: they are masked on read, as before, until
-- housekeeping fills them in batches, newest first (not here, because masking is TypeScript and a million rows in
-- one migration transaction would hold the table for minutes).
ALTER TABLE cases ADD COLUMN IF NOT EXISTS masked_description text;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS masked_address text;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS mask_version smallint;
-- The backfill's work list. Partial: empty in steady state (intake stores the mask), so intake pays nothing for it.
CREATE INDEX IF NOT EXISTS cases_mask_due ON cases (service_request_id) WHERE mask_version IS NULL;

-- The staff console's queue (src/staff/queue-query.ts) sorts open work first: unassigned before assigned, urgent
-- before low, then newest. No index had that order, so every queue page, filtered or not, read and sorted every case
-- (a top-N heapsort of the whole table: 430 ms at 100k cases, 8 in flight). This expression index is that order,
-- written exactly as the query's ORDER BY, so a page reads its first 50 entries; a filter on status is an index
-- condition on the first column; a rare filter (a category with a few cases) still takes its own index and sorts
-- the few rows it finds, as the planner judges from the statistics.
CREATE INDEX IF NOT EXISTS cases_queue_order ON cases ((status = 'closed'), (assignee_id IS NOT NULL),
  (CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END), service_request_id DESC);

-- The queue's header counts open and unassigned cases per department on every page: an index-only scan of this
-- small partial index instead of a heap visit per open case. It grows with the open backlog, not with the store.
CREATE INDEX IF NOT EXISTS cases_open_department ON cases (department, assignee_id) WHERE status <> 'closed';

-- Free-text search over staff notes uses the partial GIN index case_events_note_fts (015). The planner ignores the
-- statistics of a partial index's expression, so it guessed about 100 matches for any word: for a word in many
-- notes ("crew": 1 note in 5) it read every match and sorted them instead of walking the queue's order and
-- stopping at a page. Statistics on the expression itself give it the word frequencies (PostgreSQL 14+, PGlite too).
CREATE STATISTICS IF NOT EXISTS case_events_note_words ON (to_tsvector('simple', COALESCE(data->>'text', ''))) FROM case_events;

-- Duplicate detection at intake (intake_create in migrations/repeatable/intake.sql) looks for an open case of the same
-- category within DUPLICATE_RADIUS_METERS (50) of the new point. It read every case created in the window through
-- cases_created and tested each (about 2,700 rows at a million-case store's daily volume, with a 72-hour window), and
-- its latitude band was 5 km wide. It now asks for a bounding box of the radius, and this partial index holds just
-- the cases that can be linked to (open, not merged) by category and point: the box is a range on lat with lon
-- tested in the index, so a report reads the few cases around its point, however large the store or the window.
CREATE INDEX IF NOT EXISTS cases_open_point ON cases (service_code, lat, lon) WHERE status <> 'closed' AND duplicate_of IS NULL;
