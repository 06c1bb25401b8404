import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AlertDto, OrderDto, PageDto, PlanDto, VehicleDto } from "@waybill/shared";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, hasChromium, launchBrowser, NO_CHROMIUM_REASON } from "../support/browser";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const artifactsDir = join(repoRoot, "test/artifacts/dispatch-console");
const VIEWPORT = { width: 1440, height: 900 } as const;
const PASSWORD = "a long enough password";
/** The routes are planned for tomorrow (UTC), so every window is still ahead. */
const PLAN_DATE = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
/** Where the orders go, as fractions of the road network's bounding box. */
const ORDER_SPOTS = [
  [0.15, 0.2],
  [0.25, 0.75],
  [0.8, 0.25],
  [0.85, 0.8],
  [0.5, 0.15],
  [0.35, 0.45],
] as const;

/** The console's debug hook, as far as this test reads it (dashboard/src/app/dispatch/debug-hook.ts). */
interface ConsoleHook {
  connectionStatus(): string;
  planRouteCount(): number;
  planStopCount(): number;
}

let system: TestSystem;
let browser: Browser;
let bbox: [number, number, number, number];
let login: { email: string; password: string };
let drivers: { token: string; vehicleId: string }[];

const at = (fx: number, fy: number) => ({
  lng: bbox[0] + (bbox[2] - bbox[0]) * fx,
  lat: bbox[1] + (bbox[3] - bbox[1]) * fy,
});

describe.skipIf(!hasChromium)(
  hasChromium ? "dispatch console panels in chromium" : `dispatch console panels (${NO_CHROMIUM_REASON})`,
  () => {
    beforeAll(async () => {
      system = await startTestSystem();
      browser = await launchBrowser();
      await mkdir(artifactsDir, { recursive: true });
      bbox = await networkBbox();
      login = await createUser("dispatcher");
      drivers = [];
      for (const [name, spot] of [
        ["Van North", at(0.45, 0.55)],
        ["Van South", at(0.55, 0.45)],
      ] as const)
        drivers.push(await vehicleOnShift(name, spot));
      for (const [fx, fy] of ORDER_SPOTS) await readyOrder(fx, fy);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await system?.stop();
    });

    it("lists orders, plans and applies routes, takes alerts live and shows KPIs", {
      timeout: 180_000,
    }, async () => {
      const context = await browser.newContext({ viewport: VIEWPORT, timezoneId: "UTC" });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signIn(page);
      await page.waitForFunction(
        () => (window as unknown as { __waybill?: ConsoleHook }).__waybill?.connectionStatus() === "live",
        undefined,
        { timeout: 60_000 },
      );

      await checkOrders(page);
      const planId = await planAndApply(page);
      const orders = await apiJson<PageDto<OrderDto>>("/api/v1/orders?status=planned&limit=50");
      expect(orders.items).toHaveLength(ORDER_SPOTS.length);
      expect((await apiJson<PlanDto>(`/api/v1/plans/${planId}`)).status).toBe("applied");

      await checkAlerts(page);
      await page.getByRole("tab", { name: "KPIs" }).click();
      await expect
        .poll(() => page.locator(".kpi-card").count(), { timeout: 15_000 })
        .toBeGreaterThanOrEqual(7);
      expect(await page.locator(".kpi-card").first().textContent()).toContain(String(ORDER_SPOTS.length));
      await page.screenshot({ path: join(artifactsDir, "kpis.png") });

      expect(errors).toEqual([]);
      await context.close();
    });
  },
);

/** The Orders tab lists the ready orders; one opens in the drawer with its timeline. */
async function checkOrders(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Orders" }).click();
  const rows = page.locator(".order-row");
  await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(ORDER_SPOTS.length);
  await page.getByLabel("Filter by channel").selectOption("web");
  await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(ORDER_SPOTS.length / 2);
  await page.screenshot({ path: join(artifactsDir, "orders.png") });
  await rows.filter({ hasText: "Customer 2" }).click();
  const drawer = page.getByRole("dialog");
  await drawer.locator(".timeline li").first().waitFor();
  expect(await drawer.textContent()).toContain("Customer 2");
  expect(await drawer.locator(".timeline li").count()).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: join(artifactsDir, "order-detail.png") });
  await page.keyboard.press("Escape");
  await drawer.waitFor({ state: "hidden" });
  await page.getByLabel("Filter by channel").selectOption("");
}

/** Plans with both vans and a 1 s limit, checks progress and the drawn routes, moves a stop, applies. */
async function planAndApply(page: Page): Promise<string> {
  await page.getByRole("tab", { name: "Plans" }).click();
  await page.locator("#plan-date").fill(PLAN_DATE);
  await page.locator("#plan-time-limit").fill("1");
  await expect.poll(() => page.locator(".plan-vehicle").count(), { timeout: 10_000 }).toBe(2);
  expect(await page.locator(".plan-start-text.is-missing").count()).toBe(0);
  await page.screenshot({ path: join(artifactsDir, "plan-form.png") });
  await page.getByRole("button", { name: "Start planning" }).click();

  await page.locator(".plan-progress").waitFor({ timeout: 10_000 });
  await page.waitForFunction(
    () => (document.querySelector(".progress-line")?.getAttribute("d") ?? "") !== "",
  );
  await page.screenshot({ path: join(artifactsDir, "plan-progress.png") });

  const review = page.locator(".plan-review");
  await review.waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    (stops) => (window as unknown as { __waybill?: ConsoleHook }).__waybill?.planStopCount() === stops,
    ORDER_SPOTS.length,
  );
  expect(
    await page.evaluate(() => (window as unknown as { __waybill?: ConsoleHook }).__waybill?.planRouteCount()),
  ).toBeGreaterThanOrEqual(1);
  await page.waitForTimeout(1_000); // let the map finish drawing the routes for the screenshot
  await page.screenshot({ path: join(artifactsDir, "plan-review.png") });
  const planId = (await review.getAttribute("data-plan-id")) ?? "";

  // Move the first stop of the busiest route to the end of the other van's route.
  const before = await apiJson<PlanDto>(`/api/v1/plans/${planId}`);
  const busiest = [...before.routes].sort((a, b) => b.stops.length - a.stops.length)[0]!;
  const other = drivers.find((driver) => driver.vehicleId !== busiest.vehicleId)!;
  const moved = busiest.stops[0]!.stopId;
  const row = page.locator(`[data-stop-id="${moved}"]`);
  await row.getByRole("button", { name: /^Move/ }).click();
  const form = page.getByRole("form", { name: "Move stop" });
  await form.getByLabel("Route").selectOption(other.vehicleId);
  await form.getByRole("button", { name: "Move" }).click();
  await review.getByText("edited by hand").waitFor();
  const after = await apiJson<PlanDto>(`/api/v1/plans/${planId}`);
  const target = after.routes.find((route) => route.vehicleId === other.vehicleId);
  expect(target?.stops.at(-1)?.stopId).toBe(moved);
  await page.waitForFunction(
    () => ((window as unknown as { __waybill?: ConsoleHook }).__waybill?.planRouteCount() ?? 0) >= 2,
  );
  await page.waitForTimeout(1_000);
  await page.screenshot({ path: join(artifactsDir, "plan-moved.png") });

  // Drag the last stop of the first van's route onto the top half of its first stop: it goes first.
  const first = after.routes.find((route) => route.vehicleId === busiest.vehicleId)!;
  const last = first.stops.at(-1)!.stopId;
  await page
    .locator(`[data-stop-id="${last}"]`)
    .dragTo(page.locator(`[data-stop-id="${first.stops[0]!.stopId}"]`), { targetPosition: { x: 40, y: 4 } });
  await eventually(
    async () => {
      const plan = await apiJson<PlanDto>(`/api/v1/plans/${planId}`);
      const route = plan.routes.find((candidate) => candidate.vehicleId === busiest.vehicleId);
      return route?.stops[0]?.stopId === last || undefined;
    },
    10_000,
    "the dragged stop to lead its route",
  );

  await page.getByRole("button", { name: "Apply plan" }).click();
  await page.locator(".apply-result").getByText(`${ORDER_SPOTS.length} stops assigned`).waitFor();
  await page.screenshot({ path: join(artifactsDir, "plan-applied.png") });
  return planId;
}

/** An incident a driver reports appears live in the Alerts tab with a badge; acknowledging it clears the badge. */
async function checkAlerts(page: Page): Promise<void> {
  const tab = page.getByRole("tab", { name: /Alerts/ });
  await tab.click();
  const driver = drivers[0]!;
  const reported = await system.api("/api/v1/driver/incidents", {
    method: "POST",
    key: driver.token,
    json: { kind: "breakdown", note: "flat tyre on the ring road" },
  });
  expect(reported.status).toBe(201);
  const item = page.locator(".alert-item", { hasText: "flat tyre" });
  await item.waitFor({ timeout: 15_000 });
  await expect.poll(() => tab.locator(".tab-badge").textContent()).toBe("1");
  await page.screenshot({ path: join(artifactsDir, "alerts.png") });
  await item.getByRole("button", { name: "Acknowledge" }).click();
  await item.getByText("Acknowledged").waitFor();
  expect(await tab.locator(".tab-badge").isHidden()).toBe(true);
  const open = await apiJson<AlertDto[]>("/api/v1/alerts?open=true");
  expect(open.find((alert) => alert.vehicleId === driver.vehicleId)?.acknowledgedAt).not.toBeNull();
}

async function signIn(page: Page): Promise<void> {
  await page.goto(system.url);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function apiJson<T>(path: string, init?: Parameters<TestSystem["api"]>[1]): Promise<T> {
  const response = await system.api(path, init);
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function networkBbox(): Promise<[number, number, number, number]> {
  const roads = await apiJson<{ features: { geometry: { coordinates: [number, number][] } }[] }>(
    "/api/v1/map/streets",
  );
  const all = roads.features.flatMap((feature) => feature.geometry.coordinates);
  const lngs = all.map((c) => c[0]);
  const lats = all.map((c) => c[1]);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}

async function createUser(role: "dispatcher" | "driver"): Promise<{ email: string; password: string }> {
  const email = `${uniqueDeviceId(role)}@example.com`;
  await apiJson("/api/v1/users", {
    method: "POST",
    json: { email, name: `Test ${role}`, password: PASSWORD, role },
  });
  return { email, password: PASSWORD };
}

/** A van with a driver on shift whose phone reported one position, so the van has a current position. */
async function vehicleOnShift(
  name: string,
  position: { lat: number; lng: number },
): Promise<{ token: string; vehicleId: string }> {
  const vehicle = await apiJson<VehicleDto>("/api/v1/vehicles", { method: "POST", json: { name } });
  const { email, password } = await createUser("driver");
  const session = await apiJson<{ token: string }>("/api/v1/auth/sessions", {
    method: "POST",
    key: null,
    json: { email, password },
  });
  const as = { key: session.token, method: "POST" } as const;
  await apiJson("/api/v1/driver/shift", { ...as, json: { vehicleId: vehicle.id } });
  const sent = await system.api("/api/v1/driver/positions", {
    ...as,
    json: { fixes: [{ fixAt: Date.now(), ...position, accuracyM: 5 }] },
  });
  expect(sent.status).toBe(202);
  await eventually(
    async () => (await apiJson<VehicleDto>(`/api/v1/vehicles/${vehicle.id}`)).position ?? undefined,
  );
  return { token: session.token, vehicleId: vehicle.id };
}

/** A ready order for "Customer n" at (fx, fy), to be delivered 08:00-16:00 UTC on the plan's date. */
async function readyOrder(fx: number, fy: number): Promise<void> {
  const index = ORDER_SPOTS.findIndex(([x, y]) => x === fx && y === fy) + 1;
  const order = await apiJson<OrderDto>("/api/v1/orders", {
    method: "POST",
    json: {
      channel: index % 2 === 0 ? "web" : "marketplace",
      externalRef: uniqueDeviceId(`WB-${index}`),
      customer: { name: `Customer ${index}` },
      destination: { address: `${index} Test Street`, ...at(fx, fy) },
      timeZone: "UTC",
      timeWindows: [{ start: `${PLAN_DATE}T08:00`, end: `${PLAN_DATE}T16:00` }],
      items: [{ sku: "BOX", quantity: 1, weightKg: 5 }],
      serviceTimeSeconds: 120,
    },
  });
  await apiJson(`/api/v1/orders/${order.id}/status`, { method: "POST", json: { status: "ready" } });
}
