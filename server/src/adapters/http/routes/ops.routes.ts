import { Hono } from "hono";
import type { Registry } from "prom-client";

/** What readiness depends on. */
export interface ReadinessProbe {
  /** Null when ready, else what is not. */
  notReady(): Promise<string | null>;
}

/** Liveness, readiness and metrics: no credentials (for orchestrators and Prometheus). */
export function opsRoutes(readiness: ReadinessProbe, registry: Registry) {
  return new Hono()
    .get("/healthz", (c) => c.json({ status: "ok" }))
    .get("/readyz", async (c) => {
      const reason = await readiness.notReady();
      return reason === null ? c.json({ status: "ready" }) : c.json({ status: "not_ready", reason }, 503);
    })
    .get("/metrics", async (c) =>
      c.text(await registry.metrics(), 200, { "content-type": registry.contentType }),
    );
}
