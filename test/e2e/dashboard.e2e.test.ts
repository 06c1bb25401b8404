import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, hasChromium, launchBrowser, NO_CHROMIUM_REASON } from "../support/browser";
import { startTestSystem, type TestSystem } from "../support/system";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const artifactsDir = join(repoRoot, "test/artifacts");
const DEMO = { vehicles: 5, intervalMs: 500 } as const;
const VIEWPORT = { width: 1440, height: 900 } as const;

type System = TestSystem;
type Position = { fixAt: number; lng: number; lat: number } | null;

declare global {
  /** The dashboard's read-only debug hook (dashboard/src/app/dispatch/debug-hook.ts). */
  interface Window {
    __waybill?: {
      vehicleCount(): number;
      vehicleIds(): string[];
      vehiclePosition(vehicleId: string): Position;
      connectionStatus(): string;
      mapSettled(): boolean;
      renderedVehicleCount(): number;
    };
  }
}

describe.skipIf(!hasChromium)(
  hasChromium ? "dispatch dashboard in chromium" : `dispatch dashboard in chromium (${NO_CHROMIUM_REASON})`,
  () => {
    let system: System;
    let browser: Browser;

    beforeAll(async () => {
      system = await startTestSystem({ demo: DEMO });
      browser = await launchBrowser();
      await mkdir(artifactsDir, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await system?.stop();
    });

    it("signs in, draws the demo fleet on the map and moves it live", { timeout: 120_000 }, async () => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      const errors = collectPageErrors(page);
      await signIn(page, system.url, demoLogin(system));

      await page
        .waitForFunction(
          (expected) => {
            const hook = window.__waybill;
            // Drawn = vehicles rendered on the map. Not mapSettled(): a fleet that moves every frame
            // can keep maplibre from ever reporting idle or loaded.
            return (
              hook !== undefined &&
              hook.renderedVehicleCount() > 0 &&
              hook.vehicleCount() >= expected &&
              hook.connectionStatus() === "live"
            );
          },
          DEMO.vehicles,
          { timeout: 60_000 },
        )
        .catch(async (error: unknown) => {
          const state = await page.evaluate(() => {
            const hook = window.__waybill;
            return (
              hook && {
                settled: hook.mapSettled(),
                drawn: hook.renderedVehicleCount(),
                vehicles: hook.vehicleCount(),
                status: hook.connectionStatus(),
              }
            );
          });
          await page.screenshot({ path: join(artifactsDir, "dashboard-timeout.png") });
          throw new Error(
            `dashboard not ready: ${JSON.stringify(state)}; page errors ${JSON.stringify(errors)}`,
            { cause: error },
          );
        });
      await expect.poll(() => page.locator(".vehicle-row:not([hidden])").count()).toBe(DEMO.vehicles);
      await expect
        .poll(() => page.evaluate(() => window.__waybill?.renderedVehicleCount() ?? 0), { timeout: 15_000 })
        .toBeGreaterThan(0);

      const ids = await page.evaluate(() => window.__waybill?.vehicleIds() ?? []);
      const before = await readPositions(page, ids);
      await page.waitForTimeout(4_000);
      const after = await readPositions(page, ids);
      const moved = ids.filter((id) => hasMoved(before[id] ?? null, after[id] ?? null));
      expect(
        moved.length,
        `vehicles that moved in 4 s: ${JSON.stringify({ before, after })}`,
      ).toBeGreaterThan(0);

      await page.screenshot({ path: join(artifactsDir, "dashboard-live.png") });
      expect(errors).toEqual([]);
      await page.close();
    });

    it("shows the server's error text when the password is wrong", { timeout: 60_000 }, async () => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      const { email } = demoLogin(system);
      const expected = await expectedSignInError(system.url, email);
      await signIn(page, system.url, { email, password: "not-the-password-123" });

      const alert = page.getByRole("alert");
      await alert.waitFor({ state: "visible" });
      // The page capitalises the first letter; the words are the server's.
      expect((await alert.textContent())?.toLowerCase()).toContain(expected.toLowerCase());
      expect(await page.evaluate(() => window.__waybill)).toBeUndefined();
      await page.screenshot({ path: join(artifactsDir, "dashboard-sign-in-error.png") });
      await page.close();
    });
  },
);

function demoLogin(system: System): { email: string; password: string } {
  if (!system.demoLogin)
    throw new Error("startSystem({ demo }) returned no demoLogin; the test needs one to sign in");
  return system.demoLogin;
}

async function signIn(page: Page, url: string, login: { email: string; password: string }): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The problem text the server gives for bad credentials, asked for directly so the test does not hard-code it. */
async function expectedSignInError(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/sessions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: "not-the-password-123" }),
  });
  expect(response.status).toBe(401);
  const problem = (await response.json()) as { title: string; detail?: string };
  return (problem.detail ?? problem.title).replace(/\.$/, "");
}

async function readPositions(page: Page, ids: string[]): Promise<Record<string, Position>> {
  return page.evaluate(
    (vehicleIds) =>
      Object.fromEntries(vehicleIds.map((id) => [id, window.__waybill?.vehiclePosition(id) ?? null])),
    ids,
  );
}

function hasMoved(before: Position, after: Position): boolean {
  if (before === null || after === null) return false;
  return after.fixAt > before.fixAt && (after.lng !== before.lng || after.lat !== before.lat);
}
