-- How each case's point was found (issue 15): the kind of place its words named, the geocoder's confidence, where
-- the point came from (gps | geocoded | staff) and the neighborhood it lies in, for routing. `address` keeps the
-- normalised address; the resident's own words stay in the description. Old cases keep NULLs: nothing was known.
ALTER TABLE cases ADD COLUMN location_kind text;
ALTER TABLE cases ADD COLUMN location_confidence double precision;
ALTER TABLE cases ADD COLUMN location_source text;
ALTER TABLE cases ADD COLUMN neighborhood text;
