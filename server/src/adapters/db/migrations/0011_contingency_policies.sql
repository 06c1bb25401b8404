CREATE TABLE "contingency_policies" (
	"organisation_id" text PRIMARY KEY NOT NULL,
	"auto_apply" boolean NOT NULL,
	"max_moved_stops" integer NOT NULL,
	"max_extra_distance_m" integer NOT NULL,
	"max_extra_duration_s" integer NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contingency_policies" ADD CONSTRAINT "contingency_policies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;