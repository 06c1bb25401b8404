import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, hasChromium, launchBrowser, NO_CHROMIUM_REASON } from "../support/browser";
import { signInToConsole } from "../support/console-sign-in";
import {
  assignedOrder,
  completeStop,
  createUser,
  createVan,
  type LngLat,
  reportFix,
  roadPlaces,
  signInToken,
  startShift,
  type Van,
} from "../support/route-fixtures";
import { startTestSystem, type TestSystem } from "../support/system";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const artifactsDir = join(repoRoot, "test/artifacts/live-map-filters");
const VIEWPORT = { width: 1440, height: 900 } as const;

/** The console's debug hook, as far as this test reads it (dashboard/src/app/dispatch/debug-hook.ts). */
interface ConsoleHook {
  connectionStatus(): string;
  vehicleCount(): number;
  renderedVehicleCount(): number;
  liveStops(): { vehicleId: string; stopId: string; state: string }[];
}

/** What the map draws: vehicles in view, and the live stops as `vehicleId:delivered|failed|open`. */
const hook = (page: Page) =>
  page.evaluate(() => {
    const finished = ["delivered", "failed"];
    const console = (window as unknown as { __waybill?: ConsoleHook }).__waybill;
    return {
      drawn: console?.renderedVehicleCount() ?? 0,
      // Open stops may turn en route as tracking follows the vans: only finished ones are named.
      // Sorted: the map orders routes by vehicle id, which is random.
      stops:
        console
          ?.liveStops()
          .map((stop) => `${stop.vehicleId}:${finished.includes(stop.state) ? stop.state : "open"}`)
          .sort() ?? [],
    };
  });

describe.skipIf(!hasChromium)(
  hasChromium ? "live map filters and today's stops in chromium" : `live map filters (${NO_CHROMIUM_REASON})`,
  () => {
    let system: TestSystem;
    let browser: Browser;
    /** Ada drives Van A (web orders, two already done today); Van B has no driver (a marketplace order); Bea drives Van C (no stops). */
    let vans: { a: Van; b: Van; c: Van };

    beforeAll(async () => {
      system = await startTestSystem();
      browser = await launchBrowser();
      await mkdir(artifactsDir, { recursive: true });
      const places = await roadPlaces(system, [
        [0.2, 0.2],
        [0.3, 0.3],
        [0.4, 0.3],
        [0.5, 0.4],
        [0.7, 0.7],
        [0.75, 0.6],
        [0.6, 0.2],
      ] satisfies LngLat[]);
      vans = {
        a: await createVan(system, "Van A"),
        b: await createVan(system, "Van B"),
        c: await createVan(system, "Van C"),
      };
      const ada = await createUser(system, "driver", "Ada Lovelace");
      const bea = await createUser(system, "driver", "Bea Bower");
      await startShift(system, await signInToken(system, ada.email), vans.a.id);
      await startShift(system, await signInToken(system, bea.email), vans.c.id);
      const onA = [];
      for (const [sequence, place] of places.slice(1, 4).entries())
        onA.push(await assignedOrder(system, { place, vehicleId: vans.a.id, driverId: ada.id, sequence }));
      await completeStop(system, onA[0]!.stops[0]!.id, "succeeded");
      await completeStop(system, onA[1]!.stops[0]!.id, "failed");
      await assignedOrder(system, {
        place: places[5]!,
        vehicleId: vans.b.id,
        sequence: 0,
        channel: "marketplace",
      });
      await reportFix(system, vans.a, places[0]!);
      await reportFix(system, vans.b, places[4]!);
      await reportFix(system, vans.c, places[6]!);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await system?.stop();
    });

    it("draws today's finished stops with their outcome and filters the fleet by driver and channel", {
      timeout: 90_000,
    }, async () => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      const errors = collectPageErrors(page);
      const dispatcher = await createUser(system, "dispatcher", "Dee Spatcher");
      await signInToConsole(page, system.url, dispatcher);
      await page.waitForFunction(
        () => (window as unknown as { __waybill?: ConsoleHook }).__waybill?.connectionStatus() === "live",
        undefined,
        { timeout: 30_000 },
      );
      const rows = page.locator(".vehicle-row:not([hidden])");
      await expect
        .poll(() => hook(page), { timeout: 20_000 })
        .toEqual({
          drawn: 3,
          stops: [
            `${vans.a.id}:open`,
            `${vans.a.id}:delivered`,
            `${vans.a.id}:failed`,
            `${vans.b.id}:open`,
          ].sort(),
        });
      expect(await rows.count()).toBe(3);
      // The driver on shift is named in the list, next to the plate.
      await page.locator(".vehicle-row", { hasText: "Van A" }).getByText("Ada Lovelace").waitFor();
      await page.waitForTimeout(1_000); // let the map draw the markers for the screenshot
      await page.screenshot({ path: join(artifactsDir, "all.png") });

      const driver = page.getByLabel("Driver");
      const channel = page.getByLabel("Channel");
      await driver.selectOption({ label: "Ada Lovelace" });
      await expect
        .poll(() => hook(page))
        .toEqual({
          drawn: 1,
          stops: [`${vans.a.id}:delivered`, `${vans.a.id}:failed`, `${vans.a.id}:open`],
        });
      expect(await rows.allTextContents()).toEqual([expect.stringContaining("Van A")]);
      await page.screenshot({ path: join(artifactsDir, "driver-ada.png") });

      await driver.selectOption({ label: "No driver on shift" });
      await expect.poll(() => hook(page)).toEqual({ drawn: 1, stops: [`${vans.b.id}:open`] });
      expect(await rows.allTextContents()).toEqual([expect.stringContaining("Van B")]);

      await driver.selectOption({ label: "All drivers" });
      await channel.selectOption("web");
      await expect.poll(() => hook(page)).toMatchObject({ drawn: 1 });
      expect(await rows.allTextContents()).toEqual([expect.stringContaining("Van A")]);

      await channel.selectOption("marketplace");
      await expect.poll(() => hook(page)).toEqual({ drawn: 1, stops: [`${vans.b.id}:open`] });
      await page.screenshot({ path: join(artifactsDir, "channel-marketplace.png") });

      await channel.selectOption({ label: "All channels" });
      await expect.poll(() => hook(page)).toMatchObject({ drawn: 3 });
      expect(await rows.count()).toBe(3);
      expect(errors).toEqual([]);
      await page.close();
    });
  },
);
