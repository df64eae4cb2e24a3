-- DropForeignKey
ALTER TABLE "Observation" DROP CONSTRAINT "Observation_importId_fkey";

-- DropForeignKey
ALTER TABLE "Observation" DROP CONSTRAINT "Observation_indicatorId_fkey";

-- DropForeignKey
ALTER TABLE "Observation" DROP CONSTRAINT "Observation_regionId_fkey";

-- DropForeignKey
ALTER TABLE "Observation" DROP CONSTRAINT "Observation_sourceId_fkey";

-- Observation's references, checked once per statement instead of once per row.
-- A foreign key checks each inserted row with its own lookup and lock: for an import of a million
-- rows, four such checks per row cost more than writing the rows. These triggers keep the same
-- guarantees set-based: after each statement that writes observations, the rows it references are
-- locked (FOR KEY SHARE, as a foreign key does) and any missing one fails the statement with
-- foreign_key_violation; deleting or renumbering a referenced row that observations still use fails
-- the same way, and deleting an import only forgets which import recorded the values.

CREATE FUNCTION chiso_observation_references_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  PERFORM 1 FROM "Indicator" WHERE id IN (SELECT DISTINCT "indicatorId" FROM written) FOR KEY SHARE;
  PERFORM 1 FROM "Region" WHERE id IN (SELECT DISTINCT "regionId" FROM written) FOR KEY SHARE;
  PERFORM 1 FROM "Source" WHERE id IN (SELECT DISTINCT "sourceId" FROM written) FOR KEY SHARE;
  PERFORM 1 FROM "ImportBatch" WHERE id IN (SELECT DISTINCT "importId" FROM written WHERE "importId" IS NOT NULL) FOR KEY SHARE;
  SELECT w.id::text INTO missing FROM (SELECT DISTINCT "indicatorId" AS id FROM written) w
    WHERE NOT EXISTS (SELECT 1 FROM "Indicator" r WHERE r.id = w.id) LIMIT 1;
  IF FOUND THEN
    RAISE foreign_key_violation USING MESSAGE = format('Observation references indicator %s, which does not exist', missing),
      TABLE = 'Observation', CONSTRAINT = 'Observation_indicatorId_fkey';
  END IF;
  SELECT w.id::text INTO missing FROM (SELECT DISTINCT "regionId" AS id FROM written) w
    WHERE NOT EXISTS (SELECT 1 FROM "Region" r WHERE r.id = w.id) LIMIT 1;
  IF FOUND THEN
    RAISE foreign_key_violation USING MESSAGE = format('Observation references region %s, which does not exist', missing),
      TABLE = 'Observation', CONSTRAINT = 'Observation_regionId_fkey';
  END IF;
  SELECT w.id::text INTO missing FROM (SELECT DISTINCT "sourceId" AS id FROM written) w
    WHERE NOT EXISTS (SELECT 1 FROM "Source" r WHERE r.id = w.id) LIMIT 1;
  IF FOUND THEN
    RAISE foreign_key_violation USING MESSAGE = format('Observation references source %s, which does not exist', missing),
      TABLE = 'Observation', CONSTRAINT = 'Observation_sourceId_fkey';
  END IF;
  SELECT w.id::text INTO missing FROM (SELECT DISTINCT "importId" AS id FROM written WHERE "importId" IS NOT NULL) w
    WHERE NOT EXISTS (SELECT 1 FROM "ImportBatch" r WHERE r.id = w.id) LIMIT 1;
  IF FOUND THEN
    RAISE foreign_key_violation USING MESSAGE = format('Observation references import %s, which does not exist', missing),
      TABLE = 'Observation', CONSTRAINT = 'Observation_importId_fkey';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Observation_references_insert" AFTER INSERT ON "Observation"
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION chiso_observation_references_check();
CREATE TRIGGER "Observation_references_update" AFTER UPDATE ON "Observation"
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION chiso_observation_references_check();

-- A row observations use may not be deleted or get another id (TG_ARGV[0]: the referencing column).
CREATE FUNCTION chiso_observation_referenced_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  used text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT o.id::text FROM removed o WHERE EXISTS (SELECT 1 FROM "Observation" x WHERE x.%I = o.id) LIMIT 1', TG_ARGV[0]) INTO used;
  ELSE
    EXECUTE format('SELECT o.id::text FROM removed o WHERE o.id NOT IN (SELECT id FROM kept) AND EXISTS (SELECT 1 FROM "Observation" x WHERE x.%I = o.id) LIMIT 1', TG_ARGV[0]) INTO used;
  END IF;
  IF used IS NOT NULL THEN
    RAISE foreign_key_violation USING MESSAGE = format('%s %s is still referenced by observations', TG_TABLE_NAME, used),
      TABLE = TG_TABLE_NAME, CONSTRAINT = format('Observation_%s_fkey', TG_ARGV[0]);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Indicator_observations_delete" AFTER DELETE ON "Indicator"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION chiso_observation_referenced_keep('indicatorId');
CREATE TRIGGER "Indicator_observations_update" AFTER UPDATE ON "Indicator"
  REFERENCING OLD TABLE AS removed NEW TABLE AS kept FOR EACH STATEMENT EXECUTE FUNCTION chiso_observation_referenced_keep('indicatorId');
CREATE TRIGGER "Region_observations_delete" AFTER DELETE ON "Region"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION chiso_observation_referenced_keep('regionId');
CREATE TRIGGER "Region_observations_update" AFTER UPDATE ON "Region"
  REFERENCING OLD TABLE AS removed NEW TABLE AS kept FOR EACH STATEMENT EXECUTE FUNCTION chiso_observation_referenced_keep('regionId');
CREATE TRIGGER "Source_observations_delete" AFTER DELETE ON "Source"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION chiso_observation_referenced_keep('sourceId');
CREATE TRIGGER "Source_observations_update" AFTER UPDATE ON "Source"
  REFERENCING OLD TABLE AS removed NEW TABLE AS kept FOR EACH STATEMENT EXECUTE FUNCTION chiso_observation_referenced_keep('sourceId');

-- Deleting an import keeps its values and forgets which import recorded them (as ON DELETE SET NULL did).
CREATE FUNCTION chiso_import_batch_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Observation" SET "importId" = NULL WHERE "importId" IN (SELECT id FROM removed);
  RETURN NULL;
END $$;

CREATE TRIGGER "ImportBatch_observations_delete" AFTER DELETE ON "ImportBatch"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION chiso_import_batch_forget();
