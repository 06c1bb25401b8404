import { describe, expect, it } from "vitest";
import { Metrics } from "./metrics";

const metricValue = (text: string, name: string) =>
  Number(
    text
      .split("\n")
      .find((line) => line.startsWith(`${name} `))
      ?.split(" ")[1],
  );

describe("Metrics", () => {
  it("reports live tracking's backlog and running totals at each scrape", async () => {
    const metrics = new Metrics();
    const tracking = { backlog: () => 7, counts: { evaluated: 120, dropped: 0, etaUpdates: 3 } };
    expect(metricValue(await metrics.registry.metrics(), "waybill_tracking_backlog")).toBe(0);
    metrics.watchTracking(tracking);
    let text = await metrics.registry.metrics();
    expect(metricValue(text, "waybill_tracking_backlog")).toBe(7);
    expect(metricValue(text, "waybill_tracking_positions_evaluated_total")).toBe(120);
    expect(metricValue(text, "waybill_tracking_eta_updates_total")).toBe(3);
    tracking.backlog = () => 0;
    tracking.counts = { evaluated: 300, dropped: 2, etaUpdates: 3 };
    text = await metrics.registry.metrics();
    expect(metricValue(text, "waybill_tracking_backlog")).toBe(0);
    expect(metricValue(text, "waybill_tracking_positions_evaluated_total")).toBe(300);
    expect(metricValue(text, "waybill_tracking_positions_dropped_total")).toBe(2);
  });

  it("reports live matching's running totals and the edges routed with learned speeds", async () => {
    const metrics = new Metrics();
    const counts = { matched: 0, skipped: 0, thinned: 0, dropped: 0, batches: 0 };
    let learned = 0;
    metrics.watchMatching({ counts, learnedEdges: () => learned });
    Object.assign(counts, { matched: 950, skipped: 4, thinned: 60, dropped: 1, batches: 12 });
    learned = 37;
    const text = await metrics.registry.metrics();
    expect(metricValue(text, "waybill_matching_fixes_matched_total")).toBe(950);
    expect(metricValue(text, "waybill_matching_fixes_skipped_total")).toBe(4);
    expect(metricValue(text, "waybill_matching_fixes_thinned_total")).toBe(60);
    expect(metricValue(text, "waybill_matching_fixes_dropped_total")).toBe(1);
    expect(metricValue(text, "waybill_matching_batches_total")).toBe(12);
    expect(metricValue(text, "waybill_learned_speed_edges")).toBe(37);
  });
});
