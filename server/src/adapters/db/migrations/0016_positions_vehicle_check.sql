ALTER TABLE "positions" DROP CONSTRAINT "positions_vehicle_id_vehicles_id_fk";
--> statement-breakpoint
-- What the foreign key did, once per vehicle of a batch instead of once per position: lock each
-- vehicle FOR KEY SHARE (a concurrent delete waits for the batch, or the batch sees it deleted)
-- and fail the whole statement, as the key did, when one does not exist.
CREATE FUNCTION "waybill_lock_vehicles"(vehicle_ids text[]) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  locked integer;
  missing text;
BEGIN
  SELECT count(*) INTO locked FROM (SELECT 1 FROM "vehicles" WHERE "id" = ANY(vehicle_ids) FOR KEY SHARE) AS v;
  IF locked < cardinality(vehicle_ids) THEN
    SELECT string_agg(DISTINCT u.id, ', ') INTO missing
      FROM unnest(vehicle_ids) AS u(id) WHERE NOT EXISTS (SELECT 1 FROM "vehicles" WHERE "id" = u.id);
    IF missing IS NOT NULL THEN
      RAISE foreign_key_violation USING MESSAGE = 'positions of unknown vehicles: ' || missing;
    END IF;
  END IF;
  RETURN locked;
END $$;
--> statement-breakpoint
-- A deleted vehicle takes its history with it, as the key's ON DELETE CASCADE did.
CREATE FUNCTION "waybill_delete_vehicle_positions"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "positions" WHERE "vehicle_id" = OLD."id";
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER "vehicles_delete_positions" AFTER DELETE ON "vehicles"
  FOR EACH ROW EXECUTE FUNCTION "waybill_delete_vehicle_positions"();
