import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { OrderDto } from "@waybill/shared";
import axe from "axe-core";
import type { Browser, BrowserContext, Page } from "playwright-core";
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
} from "../support/route-fixtures";
import { startTestSystem, type TestSystem } from "../support/system";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const artifactsDir = join(repoRoot, "test/artifacts/accessibility");
const DESKTOP = { viewport: { width: 1440, height: 900 } };
/** A phone: iPhone 12-15 sized, touch, device pixel ratio 2. */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
/** Impacts that fail the audit; "moderate" and "minor" findings are printed for the record. */
const BLOCKING = new Set(["serious", "critical"]);

/** One axe finding, as much of it as a failure message needs. */
interface Finding {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

describe.skipIf(!hasChromium)(
  hasChromium ? "accessibility audit (axe) in chromium" : `accessibility audit (${NO_CHROMIUM_REASON})`,
  () => {
    let system: TestSystem;
    let browser: Browser;
    let dispatcher: { email: string; password: string };
    let driver: { email: string; password: string };
    let tracked: OrderDto;

    beforeAll(async () => {
      system = await startTestSystem();
      browser = await launchBrowser();
      await mkdir(artifactsDir, { recursive: true });
      const places = await roadPlaces(system, [
        [0.2, 0.2],
        [0.4, 0.5],
        [0.7, 0.6],
        [0.8, 0.3],
      ] satisfies LngLat[]);
      const van = await createVan(system, "Van 7");
      const dee = await createUser(system, "driver", "Dee Driver");
      driver = dee;
      dispatcher = await createUser(system, "dispatcher", "Dita Spatcher");
      const first = await assignedOrder(system, {
        place: places[1]!,
        vehicleId: van.id,
        driverId: dee.id,
        sequence: 0,
      });
      tracked = await assignedOrder(system, {
        place: places[2]!,
        vehicleId: van.id,
        driverId: dee.id,
        sequence: 1,
      });
      await assignedOrder(system, { place: places[3]!, vehicleId: van.id, driverId: dee.id, sequence: 2 });
      await completeStop(system, first.stops[0]!.id, "succeeded");
      await reportFix(system, van, places[0]!);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await system?.stop();
    });

    it("finds nothing serious on the console's sign-in page", { timeout: 60_000 }, async () => {
      await withPage("sign-in", DESKTOP, async (page) => {
        await page.goto(system.url);
        await page.getByLabel("Email").waitFor();
        await expectAccessible(page, "sign-in");
      });
    });

    it("finds nothing serious in the dispatcher console, panel by panel", { timeout: 180_000 }, async () => {
      await withPage("console", DESKTOP, async (page) => {
        await signInToConsole(page, system.url, dispatcher);
        await page.locator(".vehicle-row").first().waitFor({ timeout: 30_000 });
        await expectAccessible(page, "console-vehicles");
        for (const panel of ["Orders", "Alerts", "Plans", "Proposals", "Replay", "Closures", "KPIs"]) {
          await page.getByRole("tab", { name: new RegExp(`^${panel}`) }).click();
          await page.locator('[role="tabpanel"]:not([hidden])').waitFor();
          await page.waitForTimeout(500); // the panel loads its list
          await expectAccessible(page, `console-${panel.toLowerCase()}`);
        }
        await page.getByRole("tab", { name: /^Orders/ }).click();
        await page.locator(".order-row").first().click();
        await page.getByRole("dialog").waitFor();
        await page.waitForTimeout(500);
        await expectAccessible(page, "console-order-drawer");
      });
    });

    it("shows where the keyboard focus is on every control of the console", { timeout: 60_000 }, async () => {
      await withPage("console-keyboard", DESKTOP, async (page) => {
        await signInToConsole(page, system.url, dispatcher);
        await page.locator(".vehicle-row").first().waitFor({ timeout: 30_000 });
        const stops: FocusStop[] = [];
        for (let step = 0; step < FOCUS_STEPS; step++) {
          await page.keyboard.press("Tab");
          stops.push(await page.evaluate(readFocus));
        }
        // The tab order reaches the side panel's filters and the map's controls.
        expect(stops.map((stop) => stop.name)).toEqual(
          expect.arrayContaining(["Sign out", "Driver", "Channel", "Zoom in"]),
        );
        expect(stops.filter((stop) => !stop.visible)).toEqual([]);
      });
    });

    it("finds nothing serious in the driver's view on a phone, with a route", {
      timeout: 90_000,
    }, async () => {
      await withPage("driver", PHONE, async (page) => {
        await page.goto(`${system.url}/driver`);
        await page.getByLabel("Email").waitFor();
        await expectAccessible(page, "driver-sign-in");
        await page.getByLabel("Email").fill(driver.email);
        await page.getByLabel("Password").fill(driver.password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.locator(".next-stop-name").waitFor({ timeout: 30_000 });
        await expectAccessible(page, "driver-next-stop");
        await page.getByRole("tab", { name: /^Stops/ }).click();
        await page.locator(".stop-row").first().waitFor();
        await expectAccessible(page, "driver-stops");
        await page.getByRole("tab", { name: "Map" }).click();
        await page.locator(".panel-map canvas.maplibregl-canvas").waitFor();
        await page.waitForTimeout(1_000);
        await expectAccessible(page, "driver-map");
      });
    });

    it("finds nothing serious on the customer's tracking page", { timeout: 120_000 }, async () => {
      await withPage("tracking", PHONE, async (page) => {
        await page.goto(tracked.trackingUrl!);
        // Generous: the view's live ETA once took over 30 s with three systems on two busy cores.
        await page.locator(".status-card").waitFor({ timeout: 90_000 });
        await page.waitForTimeout(1_000);
        await expectAccessible(page, "tracking");
      });
    });

    /**
     * Opens a page in a new context, runs `body`, asserts the page ran clean, closes it. When
     * `body` fails, the page is saved as `<name>-failed.png` with the page errors in the message.
     */
    async function withPage(
      name: string,
      options: Parameters<Browser["newContext"]>[0],
      body: (page: Page) => Promise<void>,
    ): Promise<void> {
      const context: BrowserContext = await browser.newContext(options);
      try {
        const page = await context.newPage();
        const errors = collectPageErrors(page);
        await body(page).catch(async (error: unknown) => {
          await page.screenshot({ path: join(artifactsDir, `${name}-failed.png`) });
          throw new Error(`${name}: ${String(error)}; page errors ${JSON.stringify(errors)}`, {
            cause: error,
          });
        });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }

    /**
     * Runs axe on the page as it is; saves a screenshot; prints moderate and minor findings; fails
     * on serious and critical ones with the rule, its help and the elements.
     */
    async function expectAccessible(page: Page, name: string): Promise<void> {
      await page.screenshot({ path: join(artifactsDir, `${name}.png`) });
      const findings = await audit(page);
      const minor = findings.filter((finding) => !BLOCKING.has(finding.impact ?? ""));
      if (minor.length > 0) console.info(`axe ${name}: ${formatFindings(minor)}`);
      // Soft: one run lists the findings of every surface, not only the first one's.
      expect
        .soft(findings.filter((finding) => BLOCKING.has(finding.impact ?? "")).map(formatFinding))
        .toEqual([]);
    }
  },
);

/** How many times the keyboard test presses Tab: past the top bar, the side panel and into the map. */
const FOCUS_STEPS = 30;

/** The focused element after a Tab: its accessible name (roughly) and whether the focus shows. */
interface FocusStop {
  readonly name: string;
  readonly visible: boolean;
}

/** Runs in the page: the focused element, and whether an outline or a ring marks it. */
function readFocus(): FocusStop {
  const element = document.activeElement as HTMLElement | null;
  if (!element || element === document.body) return { name: "(body)", visible: true };
  const labels = (element as HTMLInputElement).labels;
  const name =
    element.getAttribute("aria-label") ??
    labels?.[0]?.querySelector(".field-label")?.textContent ??
    element.textContent?.trim() ??
    element.tagName;
  const style = getComputedStyle(element);
  const outlined = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
  return { name, visible: outlined || style.boxShadow !== "none" };
}

async function audit(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axe.source });
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ["violations"],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
  });
}

function formatFinding(finding: Finding): string {
  return `${finding.impact} ${finding.id} (${finding.help}): ${finding.targets.join(", ")}`;
}

function formatFindings(findings: readonly Finding[]): string {
  return findings.map(formatFinding).join("; ");
}
