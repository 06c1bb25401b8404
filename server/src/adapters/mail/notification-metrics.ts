import { Counter, type Registry } from "prom-client";

/** `waybill_notifications_total{channel,outcome}`: customer notification attempts by outcome. */
export function notificationsCounter(registry: Registry): Counter<"channel" | "outcome"> {
  return new Counter({
    name: "waybill_notifications_total",
    help: "Customer notification attempts by channel and outcome: sent, retrying, or failed (given up).",
    labelNames: ["channel", "outcome"] as const,
    registers: [registry],
  });
}
