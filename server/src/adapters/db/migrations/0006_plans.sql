CREATE TABLE "plans" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"status" text NOT NULL,
	"date" text NOT NULL,
	"time_zone" text NOT NULL,
	"objective" text NOT NULL,
	"time_limit_s" real NOT NULL,
	"seed" real NOT NULL,
	"vehicles" jsonb NOT NULL,
	"stops" jsonb NOT NULL,
	"progress" jsonb,
	"result" jsonb,
	"edited" boolean DEFAULT false NOT NULL,
	"error" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plans_org_created_idx" ON "plans" USING btree ("organisation_id","created_at");