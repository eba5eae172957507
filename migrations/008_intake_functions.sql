-- The write side of intake and of case notifications, as SQL functions: a report becomes a case (or a link
-- to a nearby open one), its history event, the reporter's subscription and its outbox rows in ONE statement,
-- so one round trip commits it all atomically. TypeScript prepares the inputs (classification, language).

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

-- Creates a case from a prepared report, or links it to the nearest open case of the same code within the
-- duplicate radius and window. Input keys: channel, actor, service_code, description, lat, lon, address, media,
-- language, reporter, public, department, classification, attributes, details, subscribe_address, thread_id,
-- notify_reporter, feed_channels, duplicate_radius_m, duplicate_since.
-- Returns {kind: created|linked, case, event, notified}.
CREATE OR REPLACE FUNCTION intake_create(p jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c cases;
  e case_events;
  sub subscriptions;
  near_id bigint;
  v_lat double precision := (p->>'lat')::double precision;
  v_lon double precision := (p->>'lon')::double precision;
  v_radius double precision := (p->>'duplicate_radius_m')::double precision;
  notified integer := 0;
BEGIN
  IF v_lat IS NOT NULL AND v_lon IS NOT NULL AND v_radius > 0 THEN
    -- Haversine in plain SQL (no PostGIS, so PGlite works); the latitude band keeps it to nearby rows.
    SELECT near.service_request_id INTO near_id FROM (
      SELECT k.service_request_id, 2 * 6371000 * asin(sqrt(
               power(sin(radians(k.lat - v_lat) / 2), 2) +
               cos(radians(v_lat)) * cos(radians(k.lat)) * power(sin(radians(k.lon - v_lon) / 2), 2))) AS distance
      FROM cases k
      WHERE k.service_code = p->>'service_code' AND k.status <> 'closed' AND k.duplicate_of IS NULL
        AND k.created_at >= (p->>'duplicate_since')::timestamptz
        AND k.lat BETWEEN v_lat - 0.05 AND v_lat + 0.05 AND k.lon IS NOT NULL
    ) near WHERE near.distance <= v_radius ORDER BY near.distance, near.service_request_id LIMIT 1;
  END IF;

  IF near_id IS NOT NULL THEN
    SELECT * INTO c FROM cases WHERE service_request_id = near_id;
    -- Not public: the second reporter's words may hold personal details.
    INSERT INTO case_events (case_id, type, actor, data, public)
    VALUES (near_id, 'duplicate_linked', p->>'actor',
            jsonb_build_object('channel', p->>'channel', 'description', p->>'description', 'media', p->'media'), false)
    RETURNING * INTO e;
    IF p->>'subscribe_address' IS NOT NULL THEN
      sub := subscribe(near_id, p->>'channel', p->>'subscribe_address', p->>'language', 'follower', p->>'thread_id');
      IF (p->>'notify_reporter')::boolean THEN
        notified := outbox_fan_out(near_id, e.id, 'duplicate_linked', ARRAY[sub.id], NULL, NULL, NULL);
      END IF;
    END IF;
    RETURN jsonb_build_object('kind', 'linked', 'case', to_jsonb(c), 'event', to_jsonb(e), 'notified', notified);
  END IF;

  INSERT INTO cases (service_code, description, lat, lon, address, media, channel, language, reporter, public,
                     department, classification, attributes, details)
  VALUES (p->>'service_code', p->>'description', v_lat, v_lon, p->>'address', p->'media', p->>'channel', p->>'language',
          p->'reporter', (p->>'public')::boolean, p->>'department', NULLIF(p->'classification', 'null'::jsonb),
          p->'attributes', p->'details')
  RETURNING * INTO c;
  INSERT INTO case_events (case_id, type, actor, data, public)
  VALUES (c.service_request_id, 'opened', p->>'actor', jsonb_build_object('channel', p->>'channel', 'service_code', c.service_code), true)
  RETURNING * INTO e;
  IF p->>'subscribe_address' IS NOT NULL THEN
    sub := subscribe(c.service_request_id, p->>'channel', p->>'subscribe_address', p->>'language', 'reporter', p->>'thread_id');
  END IF;
  notified := outbox_fan_out(
    c.service_request_id, e.id, 'case_opened',
    CASE WHEN (p->>'notify_reporter')::boolean AND sub.id IS NOT NULL THEN ARRAY[sub.id] ELSE ARRAY[]::bigint[] END,
    NULL, 'feed_opened', ARRAY(SELECT jsonb_array_elements_text(p->'feed_channels')));
  RETURN jsonb_build_object('kind', 'created', 'case', to_jsonb(c), 'event', to_jsonb(e), 'notified', notified);
END $$;

-- intake_create, exactly once per (channel, provider message id). A redelivery, even one arriving while the
-- first is still in flight, waits on the unique key and gets the first outcome with replayed = true.
CREATE OR REPLACE FUNCTION intake_submit(p_channel text, p_message_id text, p_raw jsonb, p jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  claimed bigint;
  outcome jsonb;
BEGIN
  INSERT INTO inbound_messages (channel, provider_message_id, raw) VALUES (p_channel, p_message_id, p_raw)
  ON CONFLICT (channel, provider_message_id) DO NOTHING
  RETURNING id INTO claimed;
  IF claimed IS NULL THEN
    SELECT jsonb_build_object('kind', i.result->>'kind', 'suggestions', i.result->'suggestions', 'case', to_jsonb(k), 'replayed', true)
    INTO outcome
    FROM inbound_messages i LEFT JOIN cases k ON k.service_request_id = i.case_id
    WHERE i.channel = p_channel AND i.provider_message_id = p_message_id;
    RETURN outcome;
  END IF;
  outcome := intake_create(p);
  UPDATE inbound_messages
  SET case_id = (outcome->'case'->>'service_request_id')::bigint,
      result = jsonb_build_object('kind', outcome->>'kind', 'case_id', (outcome->'case'->>'service_request_id')::bigint, 'suggestions', p->'suggestions')
  WHERE id = claimed;
  RETURN outcome || jsonb_build_object('replayed', false);
END $$;
