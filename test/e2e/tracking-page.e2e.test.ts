import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { OrderDetailDto, OrderDto, StopDto } from "@waybill/shared";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, hasChromium, launchBrowser, NO_CHROMIUM_REASON } from "../support/browser";
import { startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
/** Screenshots of the run, for a person to look at (gitignored). */
const artifactsDir = join(repoRoot, "test/artifacts/tracking-page");
const PASSWORD = "a long enough password";
const CUSTOMER_ZONE = "Europe/Monaco";

/**
 * The customer is abroad (New York) and reads English with a 24-hour clock: every time must still
 * be on the delivery address's clock.
 */
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: "en-GB",
  timezoneId: "America/New_York",
};
const DESKTOP: BrowserContextOptions = {
  viewport: { width: 1440, height: 900 },
  locale: "en-GB",
  timezoneId: "America/New_York",
};

describe.skipIf(!hasChromium)(
  hasChromium
    ? "customer tracking page in chromium"
    : `customer tracking page in chromium (${NO_CHROMIUM_REASON})`,
  () => {
    let system: TestSystem;
    let browser: Browser;
    let vehicleId: string;

    beforeAll(async () => {
      system = await startTestSystem();
      browser = await launchBrowser();
      await mkdir(artifactsDir, { recursive: true });
      vehicleId = (await json<{ id: string }>(await post("/api/v1/vehicles", { name: "Van 7" }), 201)).id;
    });

    afterAll(async () => {
      await browser?.close();
      await system?.stop();
    });

    it("follows an order from received to delivered with proof, and takes the customer's feedback", {
      timeout: 120_000,
    }, async () => {
      const order = await createOrder();
      const phone = await openPage(PHONE, order.trackingUrl!);
      const { page } = phone;

      await expect.poll(() => headline(page)).toBe("Order received");
      const status = page.locator(".status-card");
      await expect.poll(() => status.textContent()).toContain("Expected tomorrow, 9:00\u00a0–\u00a012:00");
      expect(await status.textContent()).toContain("Times are local to the delivery address (GMT+1)");
      expect(await page.locator('.step[aria-current="step"] .step-label').textContent()).toBe("Ordered");
      expect(await page.locator(".item").allTextContents()).toEqual([
        "2 ×Ceramic mug",
        "1 ×Green tea, 100 g",
      ]);
      expect(await page.title()).toBe(`Order received · Order ${order.externalRef}`);
      await page.locator('.map-frame[data-state="ready"]').waitFor({ timeout: 30_000 });
      // The streets around the address come from the link's own endpoint, drawn under the pin.
      await page.locator(".map-frame[data-streets]").waitFor({ timeout: 30_000 });
      expect(Number(await page.locator(".map-frame").getAttribute("data-streets"))).toBeGreaterThan(10);
      await page.screenshot({ path: join(artifactsDir, "phone-ordered.png"), fullPage: true });

      const driver = await newDriver();
      const stop = await dispatch(order, driver);
      await post(`/api/v1/stops/${stop.id}/status`, { status: "en_route" }, driver.token);
      // The customer switches back to the tab: the page refreshes in place, without a reload.
      await page.evaluate(() => {
        (window as { statusCard?: Element | null }).statusCard = document.querySelector(".status-card");
      });
      await showAgain(page);
      await expect.poll(() => headline(page)).toBe("Arriving soon");
      expect(await page.locator('.step[aria-current="step"] .step-label').textContent()).toBe("Arriving");
      expect(
        await page.evaluate(
          () =>
            (window as { statusCard?: Element | null }).statusCard === document.querySelector(".status-card"),
        ),
      ).toBe(true);
      expect(await page.locator(".map-frame").getAttribute("data-state")).toBe("ready");

      await deliverWithProof(stop, driver);
      await page.reload();
      await expect.poll(() => headline(page)).toBe("Delivered");
      expect(await page.locator(".status-when").textContent()).toMatch(/^Today at \d{1,2}:\d{2}$/);
      for (const alt of ["Photo taken by the driver", "Signature of the person"])
        await expect
          .poll(() =>
            page.locator(`img[alt^="${alt}"]`).evaluate((img: HTMLImageElement) => img.naturalWidth),
          )
          .toBeGreaterThan(0);
      expect(await page.locator(".proof-card").textContent()).toContain("Received by Ada");
      expect(await page.locator(".timeline-label").allTextContents()).toEqual([
        "Delivered",
        "Arriving soon",
        "On its way",
        "Order received",
      ]);
      await page.locator('.map-frame[data-state="ready"]').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(artifactsDir, "phone-delivered.png"), fullPage: true });

      const desktop = await openPage(DESKTOP, order.trackingUrl!);
      await expect.poll(() => headline(desktop.page)).toBe("Delivered");
      await desktop.page.locator('.map-frame[data-state="ready"]').waitFor({ timeout: 30_000 });
      await desktop.page.screenshot({ path: join(artifactsDir, "desktop-delivered.png"), fullPage: true });

      // Rated from the keyboard: the stars are a native radio group, so arrow keys move the choice.
      await page.getByRole("radio", { name: "1 star" }).focus();
      for (let press = 0; press < 3; press++) await page.keyboard.press("ArrowRight");
      expect(await page.getByRole("radio", { name: "4 stars" }).isChecked()).toBe(true);
      expect(await page.locator(".star-caption").textContent()).toBe("Good");
      await page.locator(".feedback-card").screenshot({ path: join(artifactsDir, "phone-feedback.png") });
      await page.getByLabel("Anything to add?").fill("Friendly driver, parcel left at the door.");
      await page.getByRole("button", { name: "Send feedback" }).click();
      await page.getByRole("heading", { name: "Thank you for your feedback" }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.className)).toBe("feedback-thanks");
      await page.screenshot({ path: join(artifactsDir, "phone-thanks.png") });
      const stored = await json<OrderDetailDto>(await system.api(`/api/v1/orders/${order.id}`), 200);
      expect(stored.feedback).toMatchObject({
        rating: 4,
        comment: "Friendly driver, parcel left at the door.",
      });
      await page.reload();
      await page.getByRole("heading", { name: "Thank you for your feedback" }).waitFor();
      expect(await page.getByRole("button", { name: "Send feedback" }).count()).toBe(0);

      for (const opened of [phone, desktop]) {
        expect(opened.errors).toEqual([]);
        expect(opened.foreignRequests).toEqual([]);
        await opened.page.context().close();
      }
    });

    it("shows a failed attempt apart, with what happens next", { timeout: 120_000 }, async () => {
      const order = await createOrder();
      const driver = await newDriver();
      const stop = await dispatch(order, driver);
      const failed = { status: "completed", outcome: "failed", failureReason: "customer_absent" };
      await json(await post(`/api/v1/stops/${stop.id}/status`, failed, driver.token), 200);

      const { page, errors } = await openPage(PHONE, order.trackingUrl!);
      await expect.poll(() => headline(page)).toBe("Delivery attempt failed");
      const status = page.locator(".status-card");
      expect(await status.getAttribute("data-tone")).toBe("stopped");
      expect(await status.textContent()).toContain("The sender will arrange another attempt or contact you");
      expect(await page.locator('.step[data-state="halted"] .step-label').textContent()).toBe("Delivered");
      expect(await page.locator(".feedback-card").isHidden()).toBe(true);
      await page.locator('.map-frame[data-state="ready"]').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(artifactsDir, "phone-failed.png") });
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("tells the customer a withdrawn link has expired and a forged one is not valid", {
      timeout: 120_000,
    }, async () => {
      const order = await createOrder();
      expect(
        (await system.api(`/api/v1/orders/${order.id}/tracking-link`, { method: "DELETE" })).status,
      ).toBe(204);
      // Polling the headline (rather than waiting for one heading) names what the page showed
      // instead when it is wrong; the long bound is for a suite loading both cores.
      const revoked = await openPage(PHONE, order.trackingUrl!);
      await expect.poll(() => headline(revoked.page), { timeout: 45_000 }).toBe("This link has expired");
      expect(await revoked.page.locator("main").textContent()).toContain("Ask the sender for a new one.");
      await revoked.page.screenshot({ path: join(artifactsDir, "phone-expired.png") });

      const forged = `${order.trackingUrl!.replace(/\/track\/.*$/, "")}/track/trk_0000000000.forgedforgedforgedforge`;
      const invalid = await openPage(PHONE, forged);
      const forgedToken = forged.split("/track/")[1]!;
      expect((await fetch(`${system.url}/api/v1/track/${forgedToken}/streets`)).status).toBe(404);
      await expect.poll(() => headline(invalid.page), { timeout: 45_000 }).toBe("This link is not valid");

      // The browser logs the 410 and 404 answers themselves; the page adds no error of its own.
      expect(revoked.errors.filter((error) => !/status of 410/.test(error))).toEqual([]);
      expect(invalid.errors.filter((error) => !/status of 404/.test(error))).toEqual([]);
      for (const opened of [revoked, invalid]) await opened.page.context().close();
    });

    const post = (path: string, body: unknown, key?: string) =>
      system.api(path, { method: "POST", json: body, ...(key ? { key } : {}) });

    /** An order to Monaco with a window tomorrow, 9:00 to 12:00 on the customer's clock. */
    async function createOrder(): Promise<OrderDto> {
      const tomorrow = new Intl.DateTimeFormat("en-CA", { timeZone: CUSTOMER_ZONE }).format(
        Date.now() + 86_400_000,
      );
      const body = {
        channel: "web",
        externalRef: uniqueDeviceId("SO"),
        customer: { name: "Ada Lovelace", email: "ada@example.com" },
        destination: { address: "2 Avenue de Monte-Carlo, 98000 Monaco", lat: 43.7394, lng: 7.4276 },
        timeZone: CUSTOMER_ZONE,
        timeWindows: [{ start: `${tomorrow}T09:00`, end: `${tomorrow}T12:00` }],
        items: [
          { sku: "MUG-1", description: "Ceramic mug", quantity: 2 },
          { sku: "TEA-7", description: "Green tea, 100 g", quantity: 1 },
        ],
      };
      return json<OrderDto>(await post("/api/v1/orders", body), 201);
    }

    async function newDriver(): Promise<{ id: string; token: string }> {
      const email = `${uniqueDeviceId("driver")}@example.com`;
      const user = await post("/api/v1/users", { email, name: "Dee", password: PASSWORD, role: "driver" });
      const { id } = await json<{ id: string }>(user, 201);
      const session = await system.api("/api/v1/auth/sessions", {
        method: "POST",
        key: null,
        json: { email, password: PASSWORD },
      });
      return { id, token: (await json<{ token: string }>(session, 201)).token };
    }

    /** Ready, and on the van of `driver`. */
    async function dispatch(order: OrderDto, driver: { id: string }): Promise<StopDto> {
      await json(await post(`/api/v1/orders/${order.id}/status`, { status: "ready" }), 200);
      const stopId = order.stops[0]!.id;
      return json<StopDto>(
        await post(`/api/v1/stops/${stopId}/assign`, { vehicleId, driverId: driver.id, sequence: 0 }),
        200,
      );
    }

    /** Uploads a door photo and a signature (drawn by the browser) and completes the stop. */
    async function deliverWithProof(stop: StopDto, driver: { token: string }): Promise<void> {
      const { photo, signature } = await drawProofImages(browser);
      const form = new FormData();
      form.append("photos", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "door.jpg");
      form.append("signature", new Blob([new Uint8Array(signature)], { type: "image/png" }), "signature.png");
      form.append("recipientName", "Ada");
      const proof = await system.api(`/api/v1/stops/${stop.id}/proof`, {
        method: "POST",
        body: form,
        key: driver.token,
      });
      await json(proof, 201);
      const done = { status: "completed", outcome: "succeeded" };
      await json(await post(`/api/v1/stops/${stop.id}/status`, done, driver.token), 200);
    }

    /** Opens a page in a new context, recording its errors and any request to another origin. */
    async function openPage(options: BrowserContextOptions, url: string) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      const foreignRequests: string[] = [];
      const origin = new URL(url).origin;
      page.on("request", (request) => {
        const target = request.url();
        if (!target.startsWith(origin) && !/^(data|blob):/.test(target)) foreignRequests.push(target);
      });
      await page.goto(url);
      return { page, errors, foreignRequests };
    }
  },
);

/**
 * Hides the page and shows it again, as a customer switching tabs does. The page refreshes on
 * being shown unless it did so in the last 5 s, so this waits that long first.
 */
async function showAgain(page: Page): Promise<void> {
  await page.waitForTimeout(5_000);
  await page.evaluate(() => {
    for (const state of ["hidden", "visible"]) {
      Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    }
  });
}

const headline = (page: Page) => page.locator("h1").textContent();

async function json<T>(response: Response, status: number): Promise<T> {
  const body = await response.json();
  expect({ status: response.status, body }).toMatchObject({ status });
  return body as T;
}

/**
 * A door photo (JPEG) and a signature (PNG) drawn in a scratch page of the browser, so the proof
 * in the screenshots looks like proof rather than a 1-pixel image.
 */
async function drawProofImages(browser: Browser): Promise<{ photo: Buffer; signature: Buffer }> {
  const scratch = await browser.newPage({ viewport: { width: 480, height: 360 } });
  await scratch.setContent(`<body style="margin:0">
    <svg id="photo" width="480" height="360" viewBox="0 0 480 360">
      <rect width="480" height="360" fill="#c7b9a3"/><rect x="150" y="30" width="180" height="330" fill="#6b3f22"/>
      <circle cx="300" cy="200" r="8" fill="#e5c07b"/><rect x="0" y="330" width="480" height="30" fill="#8d8d8d"/>
      <rect x="185" y="250" width="120" height="85" fill="#b07d48"/><rect x="185" y="280" width="120" height="10" fill="#d9b98c"/>
    </svg></body>`);
  const photo = await scratch.locator("#photo").screenshot({ type: "jpeg", quality: 80 });
  await scratch.setContent(`<body style="margin:0">
    <svg id="signature" width="480" height="180" viewBox="0 0 480 180" style="background:#fff">
      <path d="M30 120 C 60 20, 90 160, 120 90 S 170 40, 200 110 S 260 150, 290 70 S 360 60, 380 120 L 450 100"
        fill="none" stroke="#1e293b" stroke-width="5" stroke-linecap="round"/>
    </svg></body>`);
  const signature = await scratch.locator("#signature").screenshot({ type: "png" });
  await scratch.close();
  return { photo, signature };
}
