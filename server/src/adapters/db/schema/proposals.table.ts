import type { ProposalDto, ProposalStatus } from "@waybill/shared";
import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "./organisations.table";

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Contingency proposals: a re-plan of the day from its live state, with the difference to the
 * current routes, kept until a dispatcher approves or rejects it. `basis` fingerprints the
 * routes it was computed from, so an approval of a stale proposal is refused.
 */
export const proposals = pgTable(
  "proposals",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    status: text("status").$type<ProposalStatus>().notNull(),
    trigger: jsonb("trigger").$type<ProposalDto["trigger"]>().notNull(),
    basis: text("basis").notNull(),
    why: text("why").notNull(),
    changes: jsonb("changes").$type<ProposalDto["changes"]>().notNull(),
    summary: jsonb("summary").$type<ProposalDto["summary"]>(),
    routes: jsonb("routes")
      .$type<
        { vehicleId: string; driverId: string | null; stops: { stopId: string; arrivalAt: string }[] }[]
      >()
      .notNull(),
    error: text("error"),
    createdAt: timestamptz("created_at").notNull(),
    decidedAt: timestamptz("decided_at"),
    decidedBy: text("decided_by"),
  },
  (t) => [index("proposals_org_created_idx").on(t.organisationId, t.createdAt)],
);
