CREATE TABLE "proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"status" text NOT NULL,
	"trigger" jsonb NOT NULL,
	"basis" text NOT NULL,
	"why" text NOT NULL,
	"changes" jsonb NOT NULL,
	"summary" jsonb,
	"routes" jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text
);
--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposals_org_created_idx" ON "proposals" USING btree ("organisation_id","created_at");