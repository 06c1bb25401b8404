import type { PlanDto, PlanProgressDto, PlanStatus } from "@waybill/shared";
import { boolean, index, integer, jsonb, pgTable, real, text, timestamp } from "drizzle-orm/pg-core";
import type { DispatchStop, DispatchVehicle } from "../../../domain/dispatch/dispatch-problem";
import { organisations } from "./organisations.table";

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Route plans: what was asked (vehicles and stops as they were), the solver's progress and the
 * routes it found, until a dispatcher applies them to the stops.
 */
export const plans = pgTable(
  "plans",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    status: text("status").$type<PlanStatus>().notNull(),
    date: text("date").notNull(),
    timeZone: text("time_zone").notNull(),
    objective: text("objective").$type<"distance" | "vehicles">().notNull(),
    timeLimitS: real("time_limit_s").notNull(),
    /** A fixed search budget (reproducible plans), or null: the time limit alone. */
    iterations: integer("iterations"),
    seed: real("seed").notNull(),
    vehicles: jsonb("vehicles").$type<DispatchVehicle[]>().notNull(),
    stops: jsonb("stops").$type<DispatchStop[]>().notNull(),
    progress: jsonb("progress").$type<PlanProgressDto>(),
    result: jsonb("result").$type<Pick<PlanDto, "routes" | "unassigned" | "summary">>(),
    edited: boolean("edited").notNull().default(false),
    error: text("error"),
    createdBy: text("created_by"),
    createdAt: timestamptz("created_at").notNull(),
    finishedAt: timestamptz("finished_at"),
    appliedAt: timestamptz("applied_at"),
  },
  (t) => [index("plans_org_created_idx").on(t.organisationId, t.createdAt)],
);
