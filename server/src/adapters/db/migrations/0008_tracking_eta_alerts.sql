CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"vehicle_id" text,
	"order_id" text,
	"stop_id" text,
	"detail" text NOT NULL,
	"data" jsonb,
	"raised_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text
);
--> statement-breakpoint
ALTER TABLE "stops" ADD COLUMN "eta_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stops" ADD COLUMN "eta_confidence" real;--> statement-breakpoint
ALTER TABLE "stops" ADD COLUMN "eta_stale" boolean;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alerts_org_open_idx" ON "alerts" USING btree ("organisation_id","cleared_at");--> statement-breakpoint
CREATE INDEX "alerts_key_idx" ON "alerts" USING btree ("key");