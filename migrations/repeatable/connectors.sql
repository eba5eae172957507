-- Connector deliveries, written by a trigger in the transaction of the case event they report, so no code path
-- that changes a case (intake, the staff API, a channel) can forget them. One delivery per (connector, event).
-- A connector wants a case by its service code or its department. Which events: a case opened, recategorised or its status changed, a resident's comment or photo, another resident's report of the same problem
-- (linked as a duplicate), a close or merge.
-- A connector never hears back the change it made itself (actor connector:<id>). A connector that already has
-- the case keeps hearing of it even when it is recategorised out of its service codes.
CREATE OR REPLACE FUNCTION connector_deliveries_for_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_kind text;
  v_code text;
  v_department text;
BEGIN
  v_kind := CASE
    WHEN NEW.type = 'opened' THEN 'opened'
    WHEN NEW.type IN ('closed', 'merged') THEN 'closed'
    WHEN NEW.type IN ('recategorized', 'status_changed', 'reopened') THEN 'updated'
    WHEN NEW.type IN ('comment', 'duplicate_linked') AND NEW.actor LIKE 'resident:%' THEN 'updated'
    -- A case's words filled in after it was filed (a call's transcript): the downstream got the case without them.
    WHEN NEW.type = 'updated' AND NEW.data->'amended' ? 'description' THEN 'updated'
    ELSE NULL
  END;
  IF v_kind IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT service_code, department INTO v_code, v_department FROM cases WHERE service_request_id = NEW.case_id;
  INSERT INTO connector_deliveries (connector_id, case_id, event_id, kind)
  SELECT k.id, NEW.case_id, NEW.id, v_kind FROM connectors k
  WHERE k.active AND NEW.actor <> 'connector:' || k.id
    AND (k.service_codes IS NULL OR v_code = ANY (k.service_codes) OR v_department = ANY (k.departments)
         OR EXISTS (SELECT 1 FROM connector_deliveries d WHERE d.connector_id = k.id AND d.case_id = NEW.case_id))
  ON CONFLICT (connector_id, event_id) DO NOTHING;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS case_events_connector_deliveries ON case_events;

CREATE TRIGGER case_events_connector_deliveries AFTER INSERT ON case_events
  FOR EACH ROW EXECUTE FUNCTION connector_deliveries_for_event();
