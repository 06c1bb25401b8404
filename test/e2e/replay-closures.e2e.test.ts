import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { VehicleDto } from "@waybill/shared";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, hasChromium, launchBrowser, NO_CHROMIUM_REASON } from "../support/browser";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const artifactsDir = join(repoRoot, "test/artifacts/replay-closures");
const VIEWPORT = { width: 1440, height: 900 } as const;
const PASSWORD = "a long enough password";
/** The replayed day: yesterday (UTC, the browser's zone here), so every fix is in the past. */
const DAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const DAY_START = Date.parse(`${DAY}T09:00:00Z`);
/** Parked at each end for 5 minutes (a stay is 3+ minutes within 50 m), a fix every 30 s. */
const PARKED_MS = 5 * 60_000;
/** Driving: a fix every 5 s at about 36 km/h. */
const DRIVE_FIX_MS = 5_000;
const DRIVE_STEP_M = 60;

type LngLat = [number, number];

/** The console's debug hook, as far as this test reads it (dashboard/src/app/dispatch/debug-hook.ts). */
interface ConsoleHook {
  connectionStatus(): string;
  replayMarker(): { lng: number; lat: number } | null;
  closureCount(): number;
  tracePointCount(): number;
  renderedVehicleCount(): number;
  screenPoint(lng: number, lat: number): { x: number; y: number };
}

let system: TestSystem;
let browser: Browser;
let login: { email: string; password: string };
let vehicle: VehicleDto;
let driverToken: string;
/** The road route the van drove, and when it left and arrived as the server split the day. */
let drive: { line: LngLat[]; leftAt: number; arrivedAt: number; parkedAt: LngLat };

describe.skipIf(!hasChromium)(
  hasChromium ? "replay and road closures in chromium" : `replay and road closures (${NO_CHROMIUM_REASON})`,
  () => {
    beforeAll(async () => {
      system = await startTestSystem();
      browser = await launchBrowser();
      await mkdir(artifactsDir, { recursive: true });
      login = await createUser("dispatcher");
      ({ vehicle, drive, driverToken } = await driveYesterday());
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await system?.stop();
    });

    it("replays a day: loads it, plays, the marker moves, the slider and the events seek", {
      timeout: 120_000,
    }, async () => {
      const { page, errors, close } = await openConsole();
      await page.getByRole("tab", { name: "Replay" }).click();
      await page.locator("#replay-vehicle").selectOption(vehicle.id);
      await page.locator("#replay-date").fill(DAY);
      await page.getByRole("button", { name: "Load day" }).click();
      const summary = page.locator(".replay-summary");
      await summary.waitFor({ timeout: 15_000 });
      expect(await summary.textContent()).toContain("1 trip");
      const events = page.locator(".replay-event");
      expect(
        await events.evaluateAll((items) => items.map((item) => item.getAttribute("data-kind"))),
      ).toEqual(["stay", "trip", "stay"]);
      expect(await page.locator(".replay-time").textContent()).toBe("09:00:00");
      expectNear(await marker(page), drive.line[0]!);
      await page.waitForTimeout(800); // the fitted camera and the trace finish drawing
      await page.screenshot({ path: join(artifactsDir, "replay-loaded.png") });

      // Play at 10x from the departure: the marker leaves the start along the road. (At 60x a
      // slow screenshot on a loaded machine can outlast the 7 minutes left of the day, and the
      // Pause click then lands on Play and starts over.)
      await events.nth(1).getByRole("button").click();
      expect(await page.locator(".replay-time").textContent()).toBe(clock(drive.leftAt));
      await page.locator("#replay-speed").selectOption("10");
      await page.getByRole("button", { name: "Play" }).click();
      await eventually(
        async () => (distanceM(await marker(page), drive.line[0]!) > 100 ? true : undefined),
        10_000,
        "the replay marker to move 100 m along the trace",
      );
      await page.screenshot({ path: join(artifactsDir, "replay-playing.png") });

      await page.getByRole("button", { name: "Pause" }).click();
      const paused = await marker(page);
      const pausedTime = await page.locator(".replay-time").textContent();
      await page.waitForTimeout(500);
      expect(await marker(page)).toEqual(paused);
      expect(await page.locator(".replay-time").textContent()).toBe(pausedTime);

      // The slider seeks: halfway through the drive the marker is on the route, away from both ends.
      const halfway = Math.round((drive.leftAt + drive.arrivedAt) / 2 / 1000) * 1000;
      await page.getByLabel("Replay time").fill(String(halfway));
      expect(await page.locator(".replay-time").textContent()).toBe(clock(halfway));
      const middle = await marker(page);
      expect(distanceM(middle, drive.line[0]!)).toBeGreaterThan(100);
      expect(distanceM(middle, drive.line.at(-1)!)).toBeGreaterThan(100);
      expect(Math.min(...drive.line.map((point) => distanceM(middle, point)))).toBeLessThan(DRIVE_STEP_M);
      // The last event (parked at the destination) jumps to the arrival.
      await events.nth(2).getByRole("button").click();
      expect(await page.locator(".replay-time").textContent()).toBe(clock(drive.arrivedAt));
      expectNear(await marker(page), drive.parkedAt);
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(artifactsDir, "replay-seek.png") });

      await page.getByRole("button", { name: "Clear" }).click();
      expect(
        await page.evaluate(() => (window as unknown as { __waybill: ConsoleHook }).__waybill.replayMarker()),
      ).toBeNull();
      expect(errors).toEqual([]);
      await close();
    });

    it("draws a road closure along the road, lists it on the map and removes it", {
      timeout: 120_000,
    }, async () => {
      const { page, errors, close } = await openConsole();
      await page.getByRole("tab", { name: "Closures" }).click();
      await page.locator(".closures-panel .panel-status").getByText("No road is closed").waitFor();
      await page.getByLabel("Reason").fill("Water main repair");
      // The map opens at street level on the van (parked at the end of its drive): zoom out a step.
      await page.getByRole("button", { name: "Zoom out" }).click();
      await page.waitForTimeout(600);
      await page.getByRole("button", { name: "Draw on map" }).click();
      // Two clicks on the van's road, 8 route points (480 m) apart: the road route joins them.
      const map = (await page.locator(".map canvas.maplibregl-canvas").boundingBox())!;
      for (const point of [drive.line.at(-3)!, drive.line.at(-11)!]) {
        const { x, y } = await page.evaluate(
          ([lng, lat]) => (window as unknown as { __waybill: ConsoleHook }).__waybill.screenPoint(lng, lat),
          point,
        );
        expect(x > map.x && x < map.x + map.width && y > map.y && y < map.y + map.height).toBe(true);
        await page.mouse.click(x, y);
      }
      await page.locator(".closure-sketch-status").getByText("along roads").waitFor({ timeout: 10_000 });
      await page.waitForTimeout(500); // the road route reaches the map worker and is drawn
      await page.screenshot({ path: join(artifactsDir, "closure-drawn.png") });
      await page.getByRole("button", { name: "Save closure" }).click();

      const item = page.locator(".closure-item", { hasText: "Water main repair" });
      await item.waitFor({ timeout: 10_000 });
      expect(await item.textContent()).toMatch(/Closed.*\d+ road segments/);
      await page.waitForFunction(
        () => (window as unknown as { __waybill?: ConsoleHook }).__waybill?.closureCount() === 1,
      );
      const [saved] =
        await apiJson<{ id: string; edgesClosed: number; geometry: { coordinates: LngLat[] } }[]>(
          "/api/v1/road-closures",
        );
      expect(saved?.edgesClosed).toBeGreaterThan(0);
      // Sent along the road (the route through the clicks), not as the two clicked points.
      expect(saved?.geometry.coordinates.length).toBeGreaterThan(2);
      await item.getByRole("button", { name: "Show on map" }).click();
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(artifactsDir, "closure-saved.png") });

      await item.getByRole("button", { name: "Remove" }).click();
      await item.waitFor({ state: "detached" });
      await page.waitForFunction(
        () => (window as unknown as { __waybill?: ConsoleHook }).__waybill?.closureCount() === 0,
      );
      expect(await apiJson<unknown[]>("/api/v1/road-closures")).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    });

    it("draws the selected vehicle's trace and hides vehicles by status from the legend", {
      timeout: 60_000,
    }, async () => {
      // The last minute of driving, sent now: the van is fresh (moving) with a recent track.
      const now = Date.now();
      const fixes = drive.line.slice(0, 6).map(([lng, lat], i) => ({
        fixAt: now - (6 - i) * DRIVE_FIX_MS,
        lng,
        lat,
        speedKmh: 36,
        accuracyM: 5,
      }));
      const sent = await system.api("/api/v1/driver/positions", {
        method: "POST",
        key: driverToken,
        json: { fixes },
      });
      expect(sent.status).toBe(202);
      const { page, errors, close } = await openConsole();
      const read = <T>(name: keyof ConsoleHook) =>
        page.evaluate(
          (key) => (window as unknown as Record<string, Record<string, () => T>>).__waybill![key]!(),
          name,
        );
      await page.locator(".vehicle-row", { hasText: "Van Replay" }).click();
      await eventually(
        async () => ((await read<number>("tracePointCount")) >= 6 ? true : undefined),
        10_000,
        "the trace",
      );
      await eventually(
        async () => ((await read<number>("renderedVehicleCount")) === 1 ? true : undefined),
        10_000,
        "the van drawn",
      );
      await page.waitForTimeout(1_000); // the flight to the van ends
      await page.screenshot({ path: join(artifactsDir, "live-trace.png") });

      const moving = page.getByRole("button", { name: /^Moving/ });
      await moving.click();
      expect(await moving.getAttribute("aria-pressed")).toBe("false");
      expect(await read<number>("renderedVehicleCount")).toBe(0);
      expect(await page.locator(".vehicle-row:not([hidden])").count()).toBe(0);
      await moving.click();
      expect(await read<number>("renderedVehicleCount")).toBe(1);
      expect(errors).toEqual([]);
      await close();
    });
  },
);

async function openConsole(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT, timezoneId: "UTC" });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(system.url);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForFunction(
    () => (window as unknown as { __waybill?: ConsoleHook }).__waybill?.connectionStatus() === "live",
    undefined,
    { timeout: 60_000 },
  );
  return { page, errors, close: () => context.close() };
}

async function marker(page: Page): Promise<LngLat> {
  const position = await page.evaluate(() =>
    (window as unknown as { __waybill: ConsoleHook }).__waybill.replayMarker(),
  );
  if (position === null) throw new Error("the replay marker is not on the map");
  return [position.lng, position.lat];
}

function expectNear(actual: LngLat, expected: LngLat): void {
  expect(distanceM(actual, expected)).toBeLessThan(5);
}

function distanceM([lng0, lat0]: LngLat, [lng1, lat1]: LngLat): number {
  const east = (lng1 - lng0) * 111_320 * Math.cos((((lat0 + lat1) / 2) * Math.PI) / 180);
  return Math.hypot(east, (lat1 - lat0) * 110_574);
}

/** HH:mm:ss in UTC, as the replay shows it in this browser. */
function clock(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 19);
}

/**
 * A van whose driver shared positions yesterday from 09:00: parked at one end of a road route,
 * driving it at ~36 km/h with a fix every 5 s, parked at the other end.
 */
async function driveYesterday(): Promise<{ vehicle: VehicleDto; drive: typeof drive; driverToken: string }> {
  const created = await apiJson<VehicleDto>("/api/v1/vehicles", {
    method: "POST",
    json: { name: "Van Replay" },
  });
  const { email, password } = await createUser("driver");
  const session = await apiJson<{ token: string }>("/api/v1/auth/sessions", {
    method: "POST",
    key: null,
    json: { email, password },
  });
  await apiJson("/api/v1/driver/shift", {
    method: "POST",
    key: session.token,
    json: { vehicleId: created.id },
  });
  const line = await roadRoute();
  const fixes: { fixAt: number; lng: number; lat: number; speedKmh: number; accuracyM: number }[] = [];
  const park = (at: number, [lng, lat]: LngLat) => {
    for (let t = 0; t <= PARKED_MS; t += 30_000)
      fixes.push({ fixAt: at + t, lng, lat, speedKmh: 0, accuracyM: 5 });
  };
  park(DAY_START, line[0]!);
  const leftAt = DAY_START + PARKED_MS;
  // 60 m apart, so the first driving fix is already out of the 50 m stay radius.
  line.slice(1).forEach(([lng, lat], i) => {
    fixes.push({ fixAt: leftAt + (i + 1) * DRIVE_FIX_MS, lng, lat, speedKmh: 36, accuracyM: 5 });
  });
  const arrivedAt = leftAt + (line.length - 1) * DRIVE_FIX_MS;
  park(arrivedAt + 30_000, line.at(-1)!);
  const sent = await system.api("/api/v1/driver/positions", {
    method: "POST",
    key: session.token,
    json: { fixes },
  });
  expect(sent.status).toBe(202);
  // Where the trip starts and ends is the server's call (stays are 3+ minutes within 50 m).
  const day = await eventually(
    async () => {
      const history = await apiJson<DayHistory>(
        `/api/v1/vehicles/${created.id}/trips?date=${DAY}&timeZone=UTC`,
      );
      return history.features.length === 3 ? history : undefined;
    },
    10_000,
    "yesterday's trip and two stays",
  );
  const trip = day.features.find((feature) => feature.properties.kind === "trip")!;
  const stays = day.features.filter((feature) => feature.properties.kind === "stay");
  const destination = stays.at(-1)!;
  expect(Date.parse(destination.properties.startAt)).toBeGreaterThanOrEqual(arrivedAt - 3 * DRIVE_FIX_MS);
  return {
    vehicle: created,
    driverToken: session.token,
    drive: {
      line,
      leftAt: Date.parse(trip.properties.startAt),
      arrivedAt: Date.parse(destination.properties.startAt),
      parkedAt: destination.geometry.coordinates as LngLat,
    },
  };
}

/** `GET /vehicles/{id}/trips`, as far as this test reads it. */
interface DayHistory {
  features: { geometry: { coordinates: unknown }; properties: { kind: string; startAt: string } }[];
}

/** A road route of 1-2 km across the network, resampled every {@link DRIVE_STEP_M} metres. */
async function roadRoute(): Promise<LngLat[]> {
  const roads = await apiJson<{ features: { geometry: { coordinates: LngLat[] } }[] }>("/api/v1/map/streets");
  const all = roads.features.flatMap((feature) => feature.geometry.coordinates);
  const [west, south] = [Math.min(...all.map((c) => c[0])), Math.min(...all.map((c) => c[1]))];
  const [east, north] = [Math.max(...all.map((c) => c[0])), Math.max(...all.map((c) => c[1]))];
  const at = (fx: number, fy: number) => `${west + (east - west) * fx},${south + (north - south) * fy}`;
  const route = await apiJson<{ geometry: { coordinates: LngLat[] } }>(
    `/api/v1/route?points=${at(0.4, 0.4)};${at(0.6, 0.6)}&steps=false`,
  );
  return resample(route.geometry.coordinates, DRIVE_STEP_M);
}

function resample(line: readonly LngLat[], stepM: number): LngLat[] {
  const out: LngLat[] = [line[0]!];
  let carried = 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const length = distanceM(a, b);
    let along = stepM - carried;
    for (; along <= length; along += stepM) {
      const f = along / length;
      out.push([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f]);
    }
    carried = length - (along - stepM);
  }
  const last = line.at(-1)!;
  if (distanceM(out.at(-1)!, last) > 1) out.push(last);
  return out;
}

async function apiJson<T>(path: string, init?: Parameters<TestSystem["api"]>[1]): Promise<T> {
  const response = await system.api(path, init);
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function createUser(role: "dispatcher" | "driver"): Promise<{ email: string; password: string }> {
  const email = `${uniqueDeviceId(role)}@example.com`;
  await apiJson("/api/v1/users", {
    method: "POST",
    json: { email, name: `Test ${role}`, password: PASSWORD, role },
  });
  return { email, password: PASSWORD };
}
