-- The staff console's functions (re-applied by every migrate).

-- The moment `p_days` business days (Monday to Friday, in the session's time zone) after `p_from`; null for no service level.
CREATE OR REPLACE FUNCTION add_business_days(p_from timestamptz, p_days integer)
RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
DECLARE
  d timestamptz := p_from;
  n integer := 0;
BEGIN
  IF p_days IS NULL OR p_from IS NULL THEN RETURN NULL; END IF;
  WHILE n < p_days LOOP
    d := d + interval '1 day';
    IF extract(isodow FROM d) < 6 THEN n := n + 1; END IF;
  END LOOP;
  RETURN d;
END $$;
