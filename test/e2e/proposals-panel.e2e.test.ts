import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { OrderDetailDto, OrderDto, ProposalDto } from "@waybill/shared";
import mqtt from "mqtt";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, hasChromium, launchBrowser, NO_CHROMIUM_REASON } from "../support/browser";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const artifactsDir = join(repoRoot, "test/artifacts/proposals-panel");
const VIEWPORT = { width: 1440, height: 900 } as const;
const PASSWORD = "a long enough password";

/** The console's debug hook, as far as this test reads it (dashboard/src/app/dispatch/debug-hook.ts). */
interface ConsoleHook {
  connectionStatus(): string;
  planRouteCount(): number;
  planStopCount(): number;
  liveStopCount(): number;
}

interface Van {
  readonly id: string;
  readonly name: string;
  readonly deviceId: string;
  readonly deviceSecret: string;
}

let system: TestSystem;
let browser: Browser;
let bbox: [number, number, number, number];

const at = (fx: number, fy: number) => ({
  lng: bbox[0] + (bbox[2] - bbox[0]) * fx,
  lat: bbox[1] + (bbox[3] - bbox[1]) * fy,
});

describe.skipIf(!hasChromium)(
  hasChromium
    ? "contingency proposals panel in chromium"
    : `contingency proposals panel (${NO_CHROMIUM_REASON})`,
  () => {
    beforeAll(async () => {
      system = await startTestSystem();
      browser = await launchBrowser();
      await mkdir(artifactsDir, { recursive: true });
      bbox = await networkBbox();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await system?.stop();
    });

    it("shows a breakdown proposal live, its difference and routes, and approves it", {
      timeout: 90_000,
    }, async () => {
      const [north, south] = [await van("Van North"), await van("Van South")];
      const onNorth = [
        await assignedOrder(at(0.3, 0.3), north, 0),
        await assignedOrder(at(0.35, 0.4), north, 1),
      ];
      const onSouth = [
        await assignedOrder(at(0.7, 0.7), south, 0),
        await assignedOrder(at(0.75, 0.6), south, 1),
      ];
      await drivingAt(north, at(0.25, 0.25));
      await drivingAt(south, at(0.65, 0.65));
      await eventually(async () =>
        (await apiJson<OrderDetailDto>(`/api/v1/orders/${onSouth[0]!.id}`)).status === "out_for_delivery"
          ? true
          : undefined,
      );

      const context = await browser.newContext({ viewport: VIEWPORT, timezoneId: "UTC" });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signIn(page, await createUser("dispatcher"));
      await page.waitForFunction(
        () => (window as unknown as { __waybill?: ConsoleHook }).__waybill?.connectionStatus() === "live",
        undefined,
        { timeout: 30_000 },
      );
      // The routes driven now: both vans' open stops, numbered on the map.
      await liveStops(page, 4);
      await page.waitForTimeout(1_000); // let the map draw them for the screenshot
      await page.screenshot({ path: join(artifactsDir, "live-routes.png") });
      const tab = page.getByRole("tab", { name: /Proposals/ });
      await tab.click();
      const panel = page.locator("#panel-proposals");
      await panel.getByText("No proposals yet").waitFor();
      await panel.locator(".policy summary").click();
      await panel.getByText("Only an administrator can change the policy.").waitFor();
      expect(await panel.locator("#policy-auto-apply").isDisabled()).toBe(true);

      // Asked through the API, the proposal reaches the open panel on the live channel.
      const created = await system.api("/api/v1/proposals", {
        method: "POST",
        json: { trigger: "breakdown", vehicleId: south.id, detail: "engine", timeLimitSeconds: 1 },
      });
      expect(created.status).toBe(201);
      const proposal = (await created.json()) as ProposalDto;
      expect(proposal.status).toBe("proposed");
      const item = panel.locator(`[data-proposal-id="${proposal.id}"]`);
      await item.waitFor({ timeout: 15_000 });
      expect(await item.locator(".proposal-trigger").textContent()).toBe("Van South broke down: engine");
      expect(await item.getAttribute("data-status")).toBe("proposed");
      expect(await item.locator(".proposal-item-figures").textContent()).toContain(
        `${proposal.summary!.moved} stops moved`,
      );
      await expect.poll(() => tab.locator(".tab-badge").textContent()).toBe("1");
      await page.screenshot({ path: join(artifactsDir, "list.png") });

      // Its difference: each of Van South's stops goes to Van North, with ETAs and windows.
      await item.click();
      const drawer = page.getByRole("dialog");
      const rows = drawer.locator(".proposal-change");
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(proposal.changes.length);
      for (const order of onSouth) {
        const row = rows.filter({ hasText: order.externalRef! });
        await row.waitFor({ timeout: 10_000 });
        expect(await row.locator(".proposal-move").textContent()).toBe("Van South → Van North");
        // A broken-down van brings nothing: no ETA before (these orders promise no window).
        expect(await row.locator(".proposal-eta").textContent()).toMatch(/^ETA — → \d\d:\d\d$/);
        expect(await row.locator(".window-chip").count()).toBe(2);
        expect(await row.locator(".window-chip").first().getAttribute("data-window")).toBe("unknown");
      }
      await page.waitForFunction(
        () => ((window as unknown as { __waybill?: ConsoleHook }).__waybill?.planStopCount() ?? 0) >= 4,
        undefined,
        { timeout: 10_000 },
      );
      await page.waitForTimeout(1_000); // let the map draw the routes for the screenshot
      await page.screenshot({ path: join(artifactsDir, "diff.png") });

      // A stop added to a route meanwhile: approving is refused, the server's reason shown.
      await assignedOrder(at(0.4, 0.35), north, 2);
      await drawer.getByRole("button", { name: "Approve" }).click();
      await drawer.locator(".proposal-status").getByText("Superseded").waitFor({ timeout: 15_000 });
      expect(await drawer.locator(".proposal-message").textContent()).toContain(
        "The routes changed since this proposal was made",
      );
      await expect.poll(() => item.getAttribute("data-status")).toBe("superseded");
      expect(await drawer.getByRole("button", { name: "Approve" }).count()).toBe(0);
      expect(await tab.locator(".tab-badge").isHidden()).toBe(true);
      await page.screenshot({ path: join(artifactsDir, "superseded.png") });

      // A new proposal on the routes as they are now is approved.
      const second = await apiJson<ProposalDto>("/api/v1/proposals", {
        method: "POST",
        json: { trigger: "breakdown", vehicleId: south.id, timeLimitSeconds: 1 },
      });
      expect(second.status).toBe("proposed");
      const secondItem = panel.locator(`[data-proposal-id="${second.id}"]`);
      await secondItem.waitFor({ timeout: 15_000 });
      expect(await panel.locator(".proposal-item").first().getAttribute("data-proposal-id")).toBe(second.id);
      await secondItem.click();
      await drawer.locator(`[data-proposal-id="${second.id}"]`).waitFor();
      // Unticking a change edits the proposal before approval; ticked again, all of it applies.
      const take = drawer.getByRole("checkbox").first();
      await take.uncheck();
      await drawer.getByRole("button", { name: "Approve without 1 change" }).waitFor();
      await page.screenshot({ path: join(artifactsDir, "edited.png") });
      await take.check();
      await drawer.getByRole("button", { name: "Approve", exact: true }).click();
      await drawer.locator(".proposal-status").getByText("Approved").waitFor({ timeout: 15_000 });
      await expect.poll(() => secondItem.getAttribute("data-status")).toBe("approved");
      expect(await tab.locator(".tab-badge").isHidden()).toBe(true);
      for (const order of onSouth)
        expect((await apiJson<OrderDetailDto>(`/api/v1/orders/${order.id}`)).stops[0]?.vehicleId).toBe(
          north.id,
        );
      await page.screenshot({ path: join(artifactsDir, "approved.png") });
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "hidden" });
      expect(
        await page.evaluate(() =>
          (window as unknown as { __waybill?: ConsoleHook }).__waybill?.planStopCount(),
        ),
      ).toBe(0);
      // The approval is on the live routes: Van North now drives all five open stops.
      await liveStops(page, 5);
      await page.waitForTimeout(1_000); // let the map draw them for the screenshot
      await page.screenshot({ path: join(artifactsDir, "live-routes-after.png") });

      // "Re-plan now" asks for a proposal by hand and opens it.
      await panel.getByRole("button", { name: "Re-plan now" }).click();
      await drawer.locator(".proposal-trigger").getByText("Re-plan asked by a dispatcher").waitFor({
        timeout: 20_000,
      });
      const list = await apiJson<ProposalDto[]>("/api/v1/proposals");
      expect(list.filter((candidate) => candidate.trigger.kind === "manual")).toHaveLength(1);
      expect(await panel.locator(".proposal-item").count()).toBe(3);
      await page.screenshot({ path: join(artifactsDir, "replan.png") });

      expect(onNorth).toHaveLength(2);
      // The refused approval is the only failed request; chromium logs it as a console error.
      expect(errors.filter((error) => !error.includes("status of 409 (Conflict)"))).toEqual([]);
      await context.close();
    });

    it("lets an administrator turn auto-apply on with limits", { timeout: 60_000 }, async () => {
      const context = await browser.newContext({ viewport: VIEWPORT, timezoneId: "UTC" });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signIn(page, await createUser("admin"));
      await page.getByRole("tab", { name: /Proposals/ }).click();
      const policy = page.locator("#panel-proposals .policy");
      await policy.getByText("Auto-apply off").waitFor({ timeout: 30_000 });
      await policy.locator("summary").click();
      await policy.getByLabel("Apply triggered proposals without review").check();
      await policy.getByLabel("Most stops moved").fill("3");
      await policy.getByLabel("Most extra km").fill("2.5");
      await policy.getByLabel("Most extra min").fill("20");
      await policy.getByRole("button", { name: "Save policy" }).click();
      await policy.getByText("Policy saved.").waitFor();
      expect(await policy.locator("summary").textContent()).toBe(
        "Auto-apply on: up to 3 stops moved, +2.5 km, +20 min",
      );
      await page.screenshot({ path: join(artifactsDir, "policy.png") });
      const saved = await apiJson<{ autoApply: boolean; maxMovedStops: number; maxExtraDistanceM: number }>(
        "/api/v1/contingency-policy",
      );
      expect(saved).toMatchObject({
        autoApply: true,
        maxMovedStops: 3,
        maxExtraDistanceM: 2_500,
        maxExtraDurationS: 1_200,
      });
      expect(errors).toEqual([]);
      await context.close();
    });
  },
);

/** Waits until the live routes on the map hold `count` numbered stops. */
async function liveStops(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (expected) => (window as unknown as { __waybill?: ConsoleHook }).__waybill?.liveStopCount() === expected,
    count,
    { timeout: 15_000 },
  );
}

async function signIn(page: Page, login: { email: string; password: string }): Promise<void> {
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

async function createUser(role: "dispatcher" | "admin"): Promise<{ email: string; password: string }> {
  const email = `${uniqueDeviceId(role)}@example.com`;
  await apiJson("/api/v1/users", {
    method: "POST",
    json: { email, name: `Test ${role}`, password: PASSWORD, role },
  });
  return { email, password: PASSWORD };
}

async function van(name: string): Promise<Van> {
  const deviceId = uniqueDeviceId(name.replace(" ", "-"));
  const { id, deviceSecret } = await apiJson<{ id: string; deviceSecret: string }>("/api/v1/vehicles", {
    method: "POST",
    json: { name, deviceId },
  });
  return { id, name, deviceId, deviceSecret };
}

/** One fix, driving, at a point: the van has left the depot with its load. */
async function drivingAt(device: Van, point: { lat: number; lng: number }): Promise<void> {
  const client = await mqtt.connectAsync(system.mqttUrl, {
    username: device.deviceId,
    password: device.deviceSecret,
    reconnectPeriod: 0,
  });
  await client.publishAsync(
    `waybill/v1/devices/${device.deviceId}/telemetry`,
    JSON.stringify({ fixAt: Date.now() - 1000, ...point, speedKmh: 30 }),
    { qos: 1 },
  );
  await client.endAsync();
}

/** A ready order at `point`, assigned to `vehicle` at `sequence`. */
async function assignedOrder(
  point: { lat: number; lng: number },
  vehicle: Van,
  sequence: number,
): Promise<OrderDto> {
  const order = await apiJson<OrderDto>("/api/v1/orders", {
    method: "POST",
    json: {
      channel: "web",
      externalRef: uniqueDeviceId("SO"),
      customer: { name: "Customer" },
      destination: { address: "1 Test Street", ...point },
      items: [{ sku: "BOX", quantity: 1, weightKg: 2 }],
    },
  });
  await apiJson(`/api/v1/orders/${order.id}/status`, { method: "POST", json: { status: "ready" } });
  await apiJson(`/api/v1/stops/${order.stops[0]!.id}/assign`, {
    method: "POST",
    json: { vehicleId: vehicle.id, sequence },
  });
  return order;
}
