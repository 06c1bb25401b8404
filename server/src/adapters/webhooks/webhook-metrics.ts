import { Counter, type Registry } from "prom-client";

/** `waybill_webhook_deliveries_total{outcome}`: webhook attempts by what became of them. */
export function webhookDeliveriesCounter(registry: Registry): Counter<"outcome"> {
  const counter = new Counter({
    name: "waybill_webhook_deliveries_total",
    help: "Webhook delivery attempts by outcome: succeeded, retrying, or failed (given up, subscription disabled).",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  for (const outcome of ["succeeded", "retrying", "failed"]) counter.inc({ outcome }, 0);
  return counter;
}
