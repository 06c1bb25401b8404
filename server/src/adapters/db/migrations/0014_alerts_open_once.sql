-- Two instances may have raised the same alert at once before this index: keep the oldest open.
UPDATE "alerts" SET "cleared_at" = now() WHERE "cleared_at" IS NULL AND "id" NOT IN (SELECT DISTINCT ON ("organisation_id", "key") "id" FROM "alerts" WHERE "cleared_at" IS NULL ORDER BY "organisation_id", "key", "raised_at", "id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_key_uq" ON "alerts" USING btree ("organisation_id","key") WHERE cleared_at is null;
