import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { OrderDetailDto, OrderDto, VehicleDto } from "@waybill/shared";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents } from "../../server/src/adapters/db/schema";
import { collectPageErrors, hasChromium, launchBrowser, NO_CHROMIUM_REASON } from "../support/browser";
import { json, type LngLat, roadPlaces } from "../support/route-fixtures";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const artifactsDir = join(repoRoot, "test/artifacts");
const PASSWORD = "a long enough password";
/** A phone: iPhone 12-15 sized, touch, device pixel ratio 2. */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
/** Chromium logs every request that fails while the phone is offline; that is the point of the test. */
const OFFLINE_NOISE = /net::ERR_(INTERNET_DISCONNECTED|CONNECTION_REFUSED)/;

describe.skipIf(!hasChromium)(
  hasChromium
    ? "driver app on a phone in chromium"
    : `driver app on a phone in chromium (${NO_CHROMIUM_REASON})`,
  () => {
    let system: TestSystem;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let errors: string[];
    /** Set by the last test, which stops the server to cut the network. */
    let stopped = false;
    let vehicleId: string;
    let driver: { id: string; email: string };
    let places: LngLat[];
    const orders: OrderDto[] = [];

    beforeAll(async () => {
      system = await startTestSystem();
      browser = await launchBrowser();
      await mkdir(artifactsDir, { recursive: true });
      // The phone's start, then stops.
      places = await roadPlaces(system, [
        [0.2, 0.2],
        [0.4, 0.5],
        [0.7, 0.6],
        [0.8, 0.3],
      ]);
      vehicleId = (
        await json<VehicleDto>(
          await system.api("/api/v1/vehicles", { method: "POST", json: { name: "Van 7" } }),
        )
      ).id;
      driver = await createDriver(system);
      for (const [index, place] of places.slice(1, 3).entries())
        orders.push(await assignedOrder(system, { place, vehicleId, driverId: driver.id, sequence: index }));
      const [lng, lat] = places[0]!;
      context = await browser.newContext({
        ...PHONE,
        geolocation: { latitude: lat, longitude: lng, accuracy: 8 },
        permissions: ["geolocation"],
      });
      page = await context.newPage();
      errors = collectPageErrors(page);
    });

    afterAll(async () => {
      await context?.close();
      await browser?.close();
      if (!stopped) await system?.stop();
    });

    it("signs in, starts the shift and shares the phone's position as the van's", {
      timeout: 60_000,
    }, async () => {
      await page.goto(`${system.url}/driver`);
      await page.getByLabel("Email").fill(driver.email);
      await page.getByLabel("Password").fill(PASSWORD);
      await screenshot(page, "driver-sign-in");
      await page.getByRole("button", { name: "Sign in" }).click();

      await expect.poll(() => page.locator(".next-stop-name").textContent()).toBe("Customer 1");
      await page.getByRole("button", { name: "Start shift" }).click();
      await page.getByText("On shift · Van 7").waitFor();
      const [lng, lat] = places[0]!;
      const vehicle = await eventually(
        async () => {
          const found = await json<VehicleDto>(await system.api(`/api/v1/vehicles/${vehicleId}`));
          return found.position ? found : undefined;
        },
        30_000,
        "the phone's position on the van",
      );
      expect(vehicle.position).toMatchObject({ lat: expect.closeTo(lat, 5), lng: expect.closeTo(lng, 5) });
      await page.locator(".directions .step").first().waitFor();
      await screenshot(page, "driver-next-stop", { fullPage: true });

      // The smallest phones in use are 360 px wide: nothing may stick out sideways.
      await page.setViewportSize({ width: 360, height: 740 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await screenshot(page, "driver-next-stop-360");
      await page.setViewportSize(PHONE.viewport);
    });

    it("shows today's stops as a list and on the map", { timeout: 30_000 }, async () => {
      await page.getByRole("tab", { name: /^Stops/ }).click();
      await expect.poll(() => page.locator(".stop-row").count()).toBe(2);
      await screenshot(page, "driver-stop-list");
      await page.getByRole("tab", { name: "Map" }).click();
      await page.locator(".panel-map canvas.maplibregl-canvas").waitFor();
      await page.waitForTimeout(1_500);
      await screenshot(page, "driver-map");
      await page.getByRole("tab", { name: "Next stop" }).click();
    });

    it("delivers with a drawn signature and the recipient's name", { timeout: 60_000 }, async () => {
      await page.getByRole("button", { name: "On my way" }).click();
      await page.getByRole("button", { name: "Arrived" }).click();
      await page.getByRole("button", { name: "Delivered" }).click();
      await page.getByLabel("Recipient's name").fill("Ada at the door");
      await drawSignature(page);
      await screenshot(page, "driver-proof-sheet");
      await page.getByRole("button", { name: "Confirm delivery" }).click();

      await expect.poll(() => page.locator(".next-stop-name").textContent()).toBe("Customer 2");
      const delivered = await eventually(
        async () => {
          const order = await json<OrderDetailDto>(await system.api(`/api/v1/orders/${orders[0]!.id}`));
          return order.status === "delivered" ? order : undefined;
        },
        20_000,
        "the delivered order",
      );
      expect(delivered.proofs).toMatchObject([{ recipientName: "Ada at the door" }]);
      expect(delivered.proofs[0]!.files.map((file) => file.kind)).toEqual(["signature"]);
    });

    it("fails a delivery offline, shows it waiting, and sends it back online", {
      timeout: 60_000,
    }, async () => {
      await context.setOffline(true);
      await page.getByText("Offline", { exact: true }).waitFor();
      await page.getByRole("button", { name: "On my way" }).click();
      await page.getByRole("button", { name: "Failed" }).click();
      await page.getByText("Customer not at home").click();
      await screenshot(page, "driver-failure-sheet");
      await page.getByRole("button", { name: "Confirm failed delivery" }).click();

      await page.getByText("2 actions waiting to send").waitFor();
      await expect.poll(() => page.locator(".next-stop").count()).toBe(0);
      await screenshot(page, "driver-offline-queue");
      const stillPlanned = await json<OrderDetailDto>(await system.api(`/api/v1/orders/${orders[1]!.id}`));
      expect(stillPlanned.status).not.toBe("delivery_failed");

      await context.setOffline(false);
      await page.getByText("All sent").waitFor({ timeout: 20_000 });
      const failed = await json<OrderDetailDto>(await system.api(`/api/v1/orders/${orders[1]!.id}`));
      expect(failed).toMatchObject({
        status: "delivery_failed",
        stops: [{ failureReason: "customer_absent" }],
      });
    });

    it("tells the driver at once when dispatch adds a stop (live channel, not the poll)", {
      timeout: 60_000,
    }, async () => {
      // The app's live channel is up again after the offline test (it reconnects when back online).
      await page.locator('[data-live="on"]').waitFor({ timeout: 15_000 });
      const added = await assignedOrder(system, {
        place: places[3]!,
        vehicleId,
        driverId: driver.id,
        sequence: 2,
      });
      // Only the server's notice on /driver says "by dispatch" (a poll's own comparison cannot),
      // and it comes within seconds, well before the 30 s poll.
      await page.getByText("Your route changed: 1 stop added by dispatch").waitFor({ timeout: 8_000 });
      await expect.poll(() => page.locator(".next-stop-name").textContent()).toBe(added.customer.name);
      await screenshot(page, "driver-route-changed");
    });

    it("reports an incident from the road and ends the shift", { timeout: 60_000 }, async () => {
      await page.getByRole("button", { name: "Report incident" }).click();
      await page.getByText("Road blocked").click();
      await screenshot(page, "driver-incident-sheet");
      await page.getByRole("button", { name: "Send report" }).click();
      await page.getByRole("button", { name: "End shift" }).click();
      await page.getByRole("button", { name: "Start shift" }).waitFor();
      await page.getByText("All sent").waitFor({ timeout: 20_000 });
      expect(await page.locator(".banner-error").count()).toBe(0);
      const events = await system.database.db.select().from(outboxEvents);
      const reported = events.filter((event) => event.type === "vehicle.incident_reported");
      expect(reported.map((event) => event.data.incident)).toMatchObject([
        { kind: "road_blocked", vehicleId, lat: expect.any(Number) },
      ]);
    });

    it("is installable and opens offline from its cached shell with the last route", {
      timeout: 60_000,
    }, async () => {
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
      // Every Playwright context is an incognito profile, where Chrome never installs apps.
      expect(installabilityErrors.map((error) => error.errorId)).toEqual(["in-incognito"]);
      const cached = await page.evaluate(async () => {
        const shell = await caches.match("/driver");
        const html = shell ? await shell.text() : "";
        const script = /src="(\/assets\/driver-[^"]+\.js)"/.exec(html)?.[1];
        return {
          shell: html.includes('id="app"'),
          script: script ? Boolean(await caches.match(script)) : false,
        };
      });
      expect(cached).toEqual({ shell: true, script: true });

      // Playwright's offline switch does not reach service workers; a stopped server is a dead network for all.
      await system.stop();
      stopped = true;
      await page.reload();
      await page.getByText("Offline", { exact: true }).waitFor();
      await expect.poll(() => page.locator(".next-stop-name").textContent()).toBe("Customer 3");
      await screenshot(page, "driver-offline-start");
      expect(errors.filter((error) => !OFFLINE_NOISE.test(error))).toEqual([]);
    });
  },
);

async function createDriver(system: TestSystem): Promise<{ id: string; email: string }> {
  const email = `${uniqueDeviceId("driver")}@example.com`;
  const user = await json<{ id: string }>(
    await system.api("/api/v1/users", {
      method: "POST",
      json: { email, name: "Dee Driver", password: PASSWORD, role: "driver" },
    }),
  );
  return { id: user.id, email };
}

/** A ready order whose stop dispatch put on the driver's route at `sequence`. */
async function assignedOrder(
  system: TestSystem,
  options: { place: LngLat; vehicleId: string; driverId: string; sequence: number },
): Promise<OrderDto> {
  const number = options.sequence + 1;
  const order = await json<OrderDto>(
    await system.api("/api/v1/orders", {
      method: "POST",
      json: {
        channel: "web",
        externalRef: uniqueDeviceId("SO"),
        customer: { name: `Customer ${number}`, phone: `+377 93 15 00 0${number}` },
        destination: {
          address: `${number} Boulevard des Moulins, Monaco`,
          lng: options.place[0],
          lat: options.place[1],
        },
        timeWindows: [{ start: "2026-11-23T09:00:00+01:00", end: "2026-11-23T12:00:00+01:00" }],
        items: [{ sku: `BOX-${number}`, description: "Parcel, fragile", quantity: number }],
        notes: "Ring twice; the bell is on the left of the gate.",
      },
    }),
  );
  await json(
    await system.api(`/api/v1/orders/${order.id}/status`, { method: "POST", json: { status: "ready" } }),
  );
  const { vehicleId, driverId, sequence } = options;
  await json(
    await system.api(`/api/v1/stops/${order.stops[0]!.id}/assign`, {
      method: "POST",
      json: { vehicleId, driverId, sequence },
    }),
  );
  return order;
}

/** Signs with a finger-like zigzag across the signature pad. */
async function drawSignature(page: Page): Promise<void> {
  const box = await page.locator(".signature-canvas").boundingBox();
  if (!box) throw new Error("the signature pad is not on screen");
  await page.mouse.move(box.x + 20, box.y + box.height * 0.7);
  await page.mouse.down();
  for (let step = 1; step <= 12; step++)
    await page.mouse.move(box.x + 20 + step * 25, box.y + box.height * (step % 2 === 0 ? 0.7 : 0.3), {
      steps: 3,
    });
  await page.mouse.up();
}

async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), ...options });
}
