import pino from "pino";
import { describe, expect, it } from "vitest";
import { createHttpApp, type HttpDeps } from "./app";
import { openApiDocument } from "./openapi";

/** Route factories only keep their dependencies; no handler runs here. */
const deps = new Proxy({ log: pino({ level: "silent" }), dashboardDir: null } as Partial<HttpDeps>, {
  get: (target, key) => (key in target ? target[key as keyof HttpDeps] : new Proxy({}, { get: () => ({}) })),
}) as HttpDeps;

describe("OpenAPI document", () => {
  it("describes every API route the server mounts, with its method", () => {
    const documented = openApiDocument().paths as Record<string, Record<string, unknown>>;
    const mounted = createHttpApp(deps)
      .routes.filter((route) => route.path.startsWith("/api/v1/") && route.method !== "ALL")
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`);
    const missing = [...new Set(mounted)].filter((entry) => {
      const [method = "", path = ""] = entry.split(" ");
      return !documented[path]?.[method.toLowerCase()];
    });
    expect(missing).toEqual([]);
  });
});
