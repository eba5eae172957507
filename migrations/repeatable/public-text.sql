-- Stored masks of a case's public text (migration 020, src/domain/public-text.ts) must never be older than the text.
-- Any write that changes the description, the staff's public description or the address without also writing the
-- masks clears them in the same statement, whatever code made it (a console edit, a fix by hand in psql): the case is
-- then masked on read, correctly, until intake's or the housekeeping's fill stores a new mask.
CREATE OR REPLACE FUNCTION cases_masks_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.description, NEW.public_description, NEW.address) IS DISTINCT FROM (OLD.description, OLD.public_description, OLD.address)
     AND (NEW.masked_description, NEW.masked_address, NEW.mask_version)
         IS NOT DISTINCT FROM (OLD.masked_description, OLD.masked_address, OLD.mask_version) THEN
    NEW.masked_description := NULL;
    NEW.masked_address := NULL;
    NEW.mask_version := NULL;
  END IF;
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS cases_masks_stale ON cases;
CREATE TRIGGER cases_masks_stale BEFORE UPDATE OF description, public_description, address ON cases
  FOR EACH ROW EXECUTE FUNCTION cases_masks_stale();
