ALTER TABLE "stops" ADD COLUMN "eta_remaining_m" real;--> statement-breakpoint
ALTER TABLE "stops" ADD COLUMN "eta_driving_s" real;--> statement-breakpoint
ALTER TABLE "stops" ADD COLUMN "eta_driven_m" real;