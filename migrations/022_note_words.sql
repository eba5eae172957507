-- Growth to a million cases, fourth round (issue 24; 017 and 020 before it). Found with `npm run bench:scale
-- --explain 30`; the figures are in README "Growth".

-- The staff console's search of notes (src/staff/queue-query.ts) asked for `type = 'note' AND words @@ query`, and
-- PostgreSQL estimated the two apart and multiplied them: a word in one note in five ("crew") is in 7% of all events,
-- notes are 7% of all events, so it expected 1,300 matching notes in a 100,000-case store that had 20,000. Believing
-- that few, it read every match from the index and sorted their cases (100 ms) instead of walking the queue's order
-- and stopping at a page (a few ms). The statistics on the expression (020) could not help: they count the word over
-- all events, and the planner still multiplied by the share of notes.
--
-- The words are now a note's, and NULL for any other event, in one expression, so the query needs no separate
-- `type = 'note'`. The statistics on that expression know which share of events have words (the non-null fraction)
-- and how often each word occurs among them, so a word in every note is estimated at the number of notes and a word
-- in none at a handful (measured on the bench's 100,000-case store: 20,757 and 104, for 20,000 and 0). NULL and not
-- an empty text: an empty tsvector counts as a row without the word, which pulls a missing word's estimate up to
-- PostgreSQL's default of 0.5% of all events, and then the planner walked the whole queue looking for it (4.6 s at a
-- million cases). The index is not partial for the same reason (a partial one needs the `type` test in the query);
-- it is about as small (the other events are NULL entries).
CREATE INDEX IF NOT EXISTS case_events_note_search ON case_events USING gin (to_tsvector('simple', CASE WHEN type = 'note' THEN data->>'text' END));
CREATE STATISTICS IF NOT EXISTS case_events_note_search_words ON (to_tsvector('simple', CASE WHEN type = 'note' THEN data->>'text' END)) FROM case_events;
DROP INDEX IF EXISTS case_events_note_fts;
DROP STATISTICS IF EXISTS case_events_note_words;
