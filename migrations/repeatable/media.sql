-- A case's photos become media_items rows in the transaction that stored them: the report's media list (the
-- case opening, a resident's comment appending to it) and the staff's closure photo. Position in the list is the
-- row's identity, so re-running a statement never adds a second row for the same photo.
CREATE OR REPLACE FUNCTION media_items_from_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.media IS DISTINCT FROM OLD.media THEN
    INSERT INTO media_items (case_id, kind, position, channel, source_url, declared_type)
    SELECT NEW.service_request_id, 'report', (m.ord - 1)::int, NEW.channel, m.item->>'url', m.item->>'content_type'
    FROM jsonb_array_elements(NEW.media) WITH ORDINALITY AS m(item, ord)
    WHERE jsonb_typeof(m.item) = 'object' AND m.item->>'url' IS NOT NULL
    ON CONFLICT (case_id, kind, position) DO NOTHING;
  END IF;
  -- A photo uploaded with an Open311 POST (multipart `media`) waits under DATA_DIR/open311-media; it comes after the URLs.
  IF TG_OP = 'INSERT' AND jsonb_typeof(NEW.details->'open311_upload') = 'object' THEN
    INSERT INTO media_items (case_id, kind, position, channel, source_url, declared_type)
    VALUES (NEW.service_request_id, 'report', 100, NEW.channel, 'upload:' || (NEW.details->'open311_upload'->>'file'),
            NEW.details->'open311_upload'->>'content_type')
    ON CONFLICT (case_id, kind, position) DO NOTHING;
  END IF;
  -- A closure photo uploaded through the staff API already has its row (its URL is ours); a URL given by staff gets one.
  IF NEW.closure_media_url IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.closure_media_url IS DISTINCT FROM OLD.closure_media_url)
     AND NOT EXISTS (SELECT 1 FROM media_items WHERE case_id = NEW.service_request_id AND kind = 'closure' AND source_url = NEW.closure_media_url) THEN
    INSERT INTO media_items (case_id, kind, position, channel, source_url)
    SELECT NEW.service_request_id, 'closure', COALESCE(max(position), -1) + 1, 'staff', NEW.closure_media_url
    FROM media_items WHERE case_id = NEW.service_request_id AND kind = 'closure'
    ON CONFLICT (case_id, kind, position) DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS cases_media_items ON cases;
CREATE TRIGGER cases_media_items AFTER INSERT OR UPDATE OF media, closure_media_url ON cases
  FOR EACH ROW EXECUTE FUNCTION media_items_from_case();

-- Whether the public may see a photo of a case: processed, not hidden by staff; a closure photo only when it is the
-- case's current one (p_closure_url). The one statement of that rule: case_photos below and Open311's page of cases
-- (src/storage/public-cases-repo.ts, all of a page's photos in one statement) both ask it. A plain SQL expression, so
-- the planner inlines it.
CREATE OR REPLACE FUNCTION photo_is_public(m media_items, p_closure_url text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT m.status = 'ready' AND NOT m.hidden AND (m.kind = 'report' OR m.source_url = p_closure_url)
$$;

-- The photos the public may see of a case. Ids only: the public URL is ours (/media/{id}/{size}).
CREATE OR REPLACE FUNCTION case_photos(p_case bigint, p_closure_url text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT COALESCE(jsonb_agg(jsonb_build_object('id', m.id, 'kind', m.kind) ORDER BY m.kind DESC, m.position), '[]'::jsonb)
  FROM media_items m
  WHERE m.case_id = p_case AND photo_is_public(m, p_closure_url)
$$;
