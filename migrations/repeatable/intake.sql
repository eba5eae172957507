-- The write side of intake and of case notifications, as SQL functions. `migrate` re-applies this file on every
-- run (CREATE OR REPLACE), so a changed function reaches databases that are already deployed.
--
-- Why PL/pgSQL and not TypeScript: an inbound message is handled in two statements, inbound_load (what the channel
-- needs to decide) and inbound_apply (the decision: claim, contact, conversation, case, outbox, stored answer).
-- Each statement is its own transaction, so a complete SMS report costs two round trips to the database instead of
-- the eight a TypeScript transaction took. TypeScript prepares every input (validation, classification, language)
-- through one typed builder (src/intake/intake-input.ts); these functions hold no business rules beyond applying it.

-- Replaced by inbound_apply: one path for every channel.
DROP FUNCTION IF EXISTS intake_submit(text, text, jsonb, jsonb);

-- Subscribe an address to a case; subscribing again re-activates it and returns the same row.
CREATE OR REPLACE FUNCTION subscribe(p_case_id bigint, p_channel text, p_address text, p_language text, p_role text, p_thread_id text)
RETURNS subscriptions LANGUAGE plpgsql AS $$
DECLARE
  s subscriptions;
BEGIN
  INSERT INTO subscriptions (case_id, channel, address, language, role, thread_id)
  VALUES (p_case_id, p_channel, p_address, p_language, p_role, p_thread_id)
  ON CONFLICT (case_id, channel, address)
  DO UPDATE SET active = true, language = EXCLUDED.language, thread_id = COALESCE(EXCLUDED.thread_id, subscriptions.thread_id)
  RETURNING * INTO s;
  RETURN s;
END $$;

-- The outbox rows for one case event: one per given active subscription (an opted-out contact gets a 'skipped'
-- row, so staff see why), and one per feed channel when the case is public and not a duplicate. The template
-- parameters are a snapshot of the case at this moment. Returns how many rows it wrote.
CREATE OR REPLACE FUNCTION outbox_fan_out(p_case_id bigint, p_event_id bigint, p_kind text, p_subscription_ids bigint[],
                                          p_extra jsonb, p_feed_kind text, p_feed_channels text[])
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  c cases;
  v_params jsonb;
  written integer := 0;
  feed integer := 0;
BEGIN
  SELECT * INTO c FROM cases WHERE service_request_id = p_case_id;
  v_params := jsonb_build_object(
    'service_request_id', c.service_request_id, 'service_code', c.service_code, 'status', c.status,
    'status_notes', c.status_notes, 'closure_media_url', c.closure_media_url, 'duplicate_of', c.duplicate_of,
    'address', c.address) || COALESCE(p_extra, '{}'::jsonb);
  INSERT INTO notifications (case_id, event_id, subscription_id, channel, recipient, kind, language, params, status, last_error)
  SELECT p_case_id, p_event_id, s.id, s.channel, s.address, p_kind, s.language,
         v_params || jsonb_build_object('thread_id', s.thread_id),
         CASE WHEN ct.opted_out THEN 'skipped' ELSE 'pending' END,
         CASE WHEN ct.opted_out THEN 'recipient opted out' END
  FROM subscriptions s
  LEFT JOIN contacts ct ON ct.channel = s.channel AND ct.address = s.address
  WHERE s.id = ANY(p_subscription_ids) AND s.active
  ORDER BY s.id;
  GET DIAGNOSTICS written = ROW_COUNT;
  IF p_feed_kind IS NOT NULL AND c.public AND c.duplicate_of IS NULL THEN
    INSERT INTO notifications (case_id, event_id, channel, recipient, kind, language, params)
    SELECT p_case_id, p_event_id, ch, 'feed', p_feed_kind, 'en', v_params FROM unnest(p_feed_channels) AS ch;
    GET DIAGNOSTICS feed = ROW_COUNT;
  END IF;
  RETURN written + feed;
END $$;

-- What a channel may know of a case: enough to answer a resident, nothing private.
CREATE OR REPLACE FUNCTION case_summary(c cases)
RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('service_request_id', c.service_request_id, 'service_code', c.service_code, 'status', c.status,
                            'status_notes', c.status_notes, 'public', c.public, 'duplicate_of', c.duplicate_of)
$$;

-- Creates a case from a prepared report (src/intake/intake-input.ts builds `p`), or links it to the nearest open case
-- of the same code within the duplicate radius and window. `p.subscriber` ({channel, address, language, thread_id},
-- or null) and each of `p.also_subscribers` hear of the case: as its reporters when created, as followers when linked.
-- Returns {kind: created|linked, case, event, notified}.
CREATE OR REPLACE FUNCTION intake_create(p jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c cases;
  e case_events;
  sub subscriptions;
  near_id bigint;
  v_sub jsonb := NULLIF(p->'subscriber', 'null'::jsonb);
  -- Everyone who hears of the case: the subscriber, then `also_subscribers` (a web reporter's phone and email).
  v_subs jsonb := CASE WHEN v_sub IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(v_sub) END || COALESCE(p->'also_subscribers', '[]'::jsonb);
  v_who jsonb;
  v_ids bigint[] := ARRAY[]::bigint[];
  v_lat double precision := (p->>'lat')::double precision;
  v_lon double precision := (p->>'lon')::double precision;
  v_radius double precision := (p->>'duplicate_radius_m')::double precision;
  -- Half the side of a box around the point that holds the whole circle of v_radius (a degree of latitude is
  -- 111 km; the 10% margin covers the haversine's curvature), so the index cases_open_point reads only nearby rows.
  v_dlat double precision := 1.1 * v_radius / 111000.0;
  v_dlon double precision := 1.1 * v_radius / (111000.0 * greatest(cos(radians(v_lat)), 0.01));
  notified integer := 0;
BEGIN
  IF v_lat IS NOT NULL AND v_lon IS NOT NULL AND v_radius > 0 THEN
    -- Haversine in plain SQL (no PostGIS, so PGlite works); the bounding box keeps it to nearby rows.
    SELECT near.service_request_id INTO near_id FROM (
      SELECT k.service_request_id, 2 * 6371000 * asin(sqrt(
               power(sin(radians(k.lat - v_lat) / 2), 2) +
               cos(radians(v_lat)) * cos(radians(k.lat)) * power(sin(radians(k.lon - v_lon) / 2), 2))) AS distance
      FROM cases k
      WHERE k.service_code = p->>'service_code' AND k.status <> 'closed' AND k.duplicate_of IS NULL
        AND k.created_at >= (p->>'duplicate_since')::timestamptz
        AND k.lat BETWEEN v_lat - v_dlat AND v_lat + v_dlat AND k.lon BETWEEN v_lon - v_dlon AND v_lon + v_dlon
    ) near WHERE near.distance <= v_radius ORDER BY near.distance, near.service_request_id LIMIT 1;
  END IF;

  IF near_id IS NOT NULL THEN
    SELECT * INTO c FROM cases WHERE service_request_id = near_id;
    -- Not public: the second reporter's words may hold personal details.
    INSERT INTO case_events (case_id, type, actor, data, public)
    VALUES (near_id, 'duplicate_linked', p->>'actor',
            jsonb_build_object('channel', p->>'channel', 'description', p->>'description', 'media', p->'media'), false)
    RETURNING * INTO e;
    FOR v_who IN SELECT x FROM jsonb_array_elements(v_subs) AS x LOOP
      sub := subscribe(near_id, v_who->>'channel', v_who->>'address', v_who->>'language', 'follower', v_who->>'thread_id');
      v_ids := v_ids || sub.id;
    END LOOP;
    IF (p->>'notify_reporter')::boolean AND cardinality(v_ids) > 0 THEN
      notified := outbox_fan_out(near_id, e.id, 'duplicate_linked', v_ids, NULL, NULL, NULL);
    END IF;
    RETURN jsonb_build_object('kind', 'linked', 'case', to_jsonb(c), 'event', to_jsonb(e), 'notified', notified);
  END IF;

  INSERT INTO cases (service_code, description, lat, lon, address, location_kind, location_confidence, location_source,
                     neighborhood, media, channel, language, reporter, public, department, classification, attributes, details,
                     masked_description, masked_address, mask_version)
  VALUES (p->>'service_code', p->>'description', v_lat, v_lon, p->>'address', p->>'location_kind',
          (p->>'location_confidence')::double precision, p->>'location_source', p->>'neighborhood', p->'media', p->>'channel',
          p->>'language', p->'reporter', (p->>'public')::boolean, p->>'department', NULLIF(p->'classification', 'null'::jsonb),
          p->'attributes', p->'details', p->>'masked_description', p->>'masked_address', (p->>'mask_version')::smallint)
  RETURNING * INTO c;
  INSERT INTO case_events (case_id, type, actor, data, public)
  VALUES (c.service_request_id, 'opened', p->>'actor', jsonb_build_object('channel', p->>'channel', 'service_code', c.service_code), true)
  RETURNING * INTO e;
  FOR v_who IN SELECT x FROM jsonb_array_elements(v_subs) AS x LOOP
    sub := subscribe(c.service_request_id, v_who->>'channel', v_who->>'address', v_who->>'language', 'reporter', v_who->>'thread_id');
    v_ids := v_ids || sub.id;
  END LOOP;
  notified := outbox_fan_out(
    c.service_request_id, e.id, 'case_opened',
    CASE WHEN (p->>'notify_reporter')::boolean THEN v_ids ELSE ARRAY[]::bigint[] END,
    NULL, 'feed_opened', ARRAY(SELECT jsonb_array_elements_text(p->'feed_channels')));
  RETURN jsonb_build_object('kind', 'created', 'case', to_jsonb(c), 'event', to_jsonb(e), 'notified', notified);
END $$;

-- The first of the two statements of an inbound message: its stored answer when it was handled before, else what the
-- channel needs to decide (the sender's contact record and the conversation, with its version).
CREATE OR REPLACE FUNCTION inbound_load(p_channel text, p_message_id text, p_contact_address text, p_conversation_key text)
RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'stored', (SELECT i.result FROM inbound_messages i WHERE i.channel = p_channel AND i.provider_message_id = p_message_id),
    'contact', (SELECT jsonb_build_object('opted_out', ct.opted_out, 'language', ct.language)
                FROM contacts ct WHERE ct.channel = p_channel AND ct.address = p_contact_address),
    'conversation', (SELECT jsonb_build_object('state', cv.state, 'version', cv.version, 'updated_at', cv.updated_at)
                     FROM conversations cv WHERE cv.channel = p_channel AND cv.conversation_key = p_conversation_key))
$$;

-- A follow, comment or status action on an existing case (`a`), for inbound_apply. Returns {outcome, events, notified}.
CREATE OR REPLACE FUNCTION inbound_case_action(p_channel text, a jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  asked cases;
  c cases;
  e case_events;
  reopened case_events;
  sub subscriptions;
  v_kind text := a->>'kind';
  v_who jsonb := COALESCE(a->'follower', a->'asker');
  v_allowed boolean;
  notified integer := 0;
BEGIN
  IF v_kind = 'status' AND a->>'caseId' IS NULL THEN
    -- A bare "status?": the newest case the asker reported or follows.
    SELECT k.* INTO asked FROM subscriptions s JOIN cases k ON k.service_request_id = s.case_id
    WHERE s.channel = v_who->>'channel' AND s.address = v_who->>'address' AND s.active
    ORDER BY k.service_request_id DESC LIMIT 1;
    IF asked.service_request_id IS NULL THEN
      RETURN jsonb_build_object('outcome', jsonb_build_object('kind', 'unknown_case', 'caseId', NULL));
    END IF;
    RETURN jsonb_build_object('outcome', jsonb_build_object('kind', 'status', 'case', case_summary(asked)));
  END IF;
  SELECT * INTO asked FROM cases WHERE service_request_id = (a->>'caseId')::bigint FOR UPDATE;
  IF asked.service_request_id IS NULL THEN
    RETURN jsonb_build_object('outcome', jsonb_build_object('kind', 'unknown_case', 'caseId', (a->>'caseId')::bigint));
  END IF;
  IF v_kind = 'comment' THEN
    INSERT INTO case_events (case_id, type, actor, data, public)
    VALUES (asked.service_request_id, 'comment', 'resident:' || p_channel,
            jsonb_build_object('text', a->>'text', 'media', COALESCE(a->'media', '[]'::jsonb)), false)
    RETURNING * INTO e;
    UPDATE cases SET media = media || COALESCE(a->'media', '[]'::jsonb), updated_at = now()
    WHERE service_request_id = asked.service_request_id RETURNING * INTO c;
    -- The resident says it is not fixed: a closed case opens again, publicly, and its subscribers hear of it. A case
    -- merged into another stays closed (the other one is the case being worked).
    IF COALESCE((a->>'reopen')::boolean, false) AND c.status = 'closed' AND c.duplicate_of IS NULL THEN
      UPDATE cases SET status = 'open', closed_at = NULL, updated_at = now()
      WHERE service_request_id = c.service_request_id RETURNING * INTO c;
      INSERT INTO case_events (case_id, type, actor, data, public)
      VALUES (c.service_request_id, 'reopened', 'resident:' || p_channel, jsonb_build_object('from', 'closed', 'to', 'open'), true)
      RETURNING * INTO reopened;
      notified := outbox_fan_out(c.service_request_id, reopened.id, 'status_changed',
                                 ARRAY(SELECT s.id FROM subscriptions s WHERE s.case_id = c.service_request_id AND s.active ORDER BY s.id),
                                 NULL, NULL, NULL);
      RETURN jsonb_build_object('outcome', jsonb_build_object('kind', 'commented', 'case', case_summary(c)),
                                'events', jsonb_build_array(to_jsonb(e), to_jsonb(reopened)), 'notified', notified);
    END IF;
    RETURN jsonb_build_object('outcome', jsonb_build_object('kind', 'commented', 'case', case_summary(c)), 'events', jsonb_build_array(to_jsonb(e)));
  END IF;

  -- Status and follow: a private case answers only the people already subscribed to it; anyone else hears what a
  -- missing case would answer, so case numbers cannot be probed.
  v_allowed := asked.public OR EXISTS (SELECT 1 FROM subscriptions s WHERE s.case_id = asked.service_request_id
                                       AND s.channel = v_who->>'channel' AND s.address = v_who->>'address');
  IF v_kind = 'make_private' THEN
    IF NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.case_id = asked.service_request_id AND s.role = 'reporter'
                   AND s.channel = v_who->>'channel' AND s.address = v_who->>'address')
       AND NOT EXISTS (SELECT 1 FROM inbound_messages i WHERE i.channel = p_channel AND i.provider_message_id = a->>'filedBy'
                       AND i.case_id = asked.service_request_id) THEN
      RETURN jsonb_build_object('outcome', jsonb_build_object('kind', 'unknown_case', 'caseId', asked.service_request_id));
    END IF;
    UPDATE cases SET public = false, updated_at = now() WHERE service_request_id = asked.service_request_id RETURNING * INTO c;
    INSERT INTO case_events (case_id, type, actor, data, public)
    VALUES (c.service_request_id, 'updated', 'resident:' || p_channel, jsonb_build_object('public', false), false)
    RETURNING * INTO e;
    RETURN jsonb_build_object('outcome', jsonb_build_object('kind', 'made_private', 'case', case_summary(c)), 'events', jsonb_build_array(to_jsonb(e)));
  END IF;
  IF v_kind = 'status' THEN
    -- A status answer is personal (staff notes): only for subscribers, public case or not.
    IF NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.case_id = asked.service_request_id
                   AND s.channel = v_who->>'channel' AND s.address = v_who->>'address') THEN
      RETURN jsonb_build_object('outcome', jsonb_build_object('kind', 'unknown_case', 'caseId', asked.service_request_id));
    END IF;
    RETURN jsonb_build_object('outcome', jsonb_build_object('kind', 'status', 'case', case_summary(asked)));
  END IF;
  IF v_kind <> 'follow' THEN
    RAISE EXCEPTION 'inbound_apply: unknown action kind %', v_kind USING ERRCODE = '22023';
  END IF;
  IF NOT v_allowed THEN
    RETURN jsonb_build_object('outcome', jsonb_build_object('kind', 'unknown_case', 'caseId', asked.service_request_id));
  END IF;
  -- A case merged into another is followed through the one that stays open.
  IF asked.duplicate_of IS NULL THEN
    c := asked;
  ELSE
    SELECT * INTO c FROM cases WHERE service_request_id = asked.duplicate_of;
  END IF;
  sub := subscribe(c.service_request_id, v_who->>'channel', v_who->>'address', v_who->>'language', 'follower', v_who->>'threadId');
  INSERT INTO case_events (case_id, type, actor, data, public)
  VALUES (c.service_request_id, 'followed', 'resident:' || p_channel, jsonb_build_object('channel', v_who->>'channel'), false)
  RETURNING * INTO e;
  IF COALESCE((a->>'confirm')::boolean, false) THEN
    notified := outbox_fan_out(c.service_request_id, e.id, 'follow_confirmed', ARRAY[sub.id], NULL, NULL, NULL);
  END IF;
  RETURN jsonb_build_object('outcome', jsonb_build_object('kind', 'followed', 'case', case_summary(c)),
                            'events', jsonb_build_array(to_jsonb(e)), 'notified', notified);
END $$;

-- The second statement of an inbound message: applies the channel's decision `d` atomically. Exactly once per
-- (channel, provider message id): a redelivery, even one in flight at the same moment, waits on the unique key and
-- gets the stored answer with replayed = true. When the conversation changed since inbound_load
-- (p_expected_version), nothing is written and SQLSTATE IN311 tells the caller to load and decide again.
-- `d` keys: reply (the channel's answer data), contact {optedOut, language}, conversation ({state, caseIdField} or
-- null to forget it; absent: unchanged), action ({kind: report, input} | follow | comment | status; see
-- src/channels/port.ts). Returns {replayed, reply, outcome, events, notified}.
CREATE OR REPLACE FUNCTION inbound_apply(p_channel text, p_message_id text, p_raw jsonb, p_contact_address text,
                                         p_conversation_key text, p_expected_version bigint, d jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  claimed bigint;
  v_version bigint;
  v_action jsonb := NULLIF(d->'action', 'null'::jsonb);
  v_outcome jsonb := jsonb_build_object('kind', 'none');
  v_events jsonb := '[]'::jsonb;
  v_notified integer := 0;
  v_case_id bigint;
  v_state jsonb;
  r jsonb;
  created jsonb;
  v_result jsonb;
BEGIN
  IF p_message_id IS NOT NULL THEN
    INSERT INTO inbound_messages (channel, provider_message_id, raw) VALUES (p_channel, p_message_id, p_raw)
    ON CONFLICT (channel, provider_message_id) DO NOTHING
    RETURNING id INTO claimed;
    IF claimed IS NULL THEN
      SELECT i.result INTO v_result FROM inbound_messages i WHERE i.channel = p_channel AND i.provider_message_id = p_message_id;
      RETURN COALESCE(v_result, '{}'::jsonb) || jsonb_build_object('replayed', true);
    END IF;
  END IF;

  IF p_conversation_key IS NOT NULL THEN
    SELECT cv.version INTO v_version FROM conversations cv
    WHERE cv.channel = p_channel AND cv.conversation_key = p_conversation_key FOR UPDATE;
    IF v_version IS DISTINCT FROM p_expected_version THEN
      RAISE EXCEPTION 'conversation % changed while deciding', p_conversation_key USING ERRCODE = 'IN311';
    END IF;
  END IF;

  IF d ? 'contact' AND p_contact_address IS NOT NULL THEN
    INSERT INTO contacts (channel, address, opted_out, language)
    VALUES (p_channel, p_contact_address, COALESCE((d->'contact'->>'optedOut')::boolean, false), d->'contact'->>'language')
    ON CONFLICT (channel, address) DO UPDATE
    SET opted_out = COALESCE((d->'contact'->>'optedOut')::boolean, contacts.opted_out),
        language = COALESCE(d->'contact'->>'language', contacts.language), updated_at = now();
  END IF;

  IF v_action IS NOT NULL THEN
    IF v_action->>'kind' = 'report' THEN
      created := intake_create(v_action->'input');
      v_case_id := (created->'case'->>'service_request_id')::bigint;
      v_outcome := jsonb_build_object('kind', created->>'kind', 'case', case_summary(jsonb_populate_record(NULL::cases, created->'case')),
                                      'suggestions', COALESCE(v_action->'input'->'suggestions', '[]'::jsonb));
      v_events := jsonb_build_array(created->'event');
      v_notified := (created->>'notified')::integer;
    ELSE
      r := inbound_case_action(p_channel, v_action);
      v_outcome := r->'outcome';
      v_events := COALESCE(r->'events', '[]'::jsonb);
      v_notified := COALESCE((r->>'notified')::integer, 0);
      v_case_id := (v_outcome->'case'->>'service_request_id')::bigint;
    END IF;
  END IF;

  IF p_conversation_key IS NOT NULL AND d ? 'conversation' THEN
    IF jsonb_typeof(d->'conversation') = 'null' THEN
      DELETE FROM conversations WHERE channel = p_channel AND conversation_key = p_conversation_key;
    ELSE
      v_state := d->'conversation'->'state';
      IF d->'conversation'->>'caseIdField' IS NOT NULL AND v_case_id IS NOT NULL THEN
        v_state := v_state || jsonb_build_object(d->'conversation'->>'caseIdField', v_case_id);
      END IF;
      IF v_version IS NULL THEN
        -- A first message: another one from the same sender may have started the conversation meanwhile.
        INSERT INTO conversations (channel, conversation_key, state) VALUES (p_channel, p_conversation_key, v_state)
        ON CONFLICT (channel, conversation_key) DO NOTHING;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'conversation % started while deciding', p_conversation_key USING ERRCODE = 'IN311';
        END IF;
      ELSE
        UPDATE conversations SET state = v_state, version = version + 1, updated_at = now()
        WHERE channel = p_channel AND conversation_key = p_conversation_key;
      END IF;
    END IF;
  END IF;

  v_result := jsonb_build_object('reply', COALESCE(d->'reply', 'null'::jsonb), 'outcome', v_outcome);
  IF claimed IS NOT NULL THEN
    UPDATE inbound_messages SET result = v_result, case_id = v_case_id WHERE id = claimed;
  END IF;
  RETURN v_result || jsonb_build_object('replayed', false, 'events', v_events, 'notified', v_notified);
END $$;
