import { readFileSync } from "node:fs";
import type { launchBrowser } from "../../test/support/browser";
import { type FrameRecording, frameProbeScript } from "./frame-probe";

/* playwright-core is the test package's dependency; its types come through test/support/browser. */
type Browser = Awaited<ReturnType<typeof launchBrowser>>;
type Page = Awaited<ReturnType<Browser["newPage"]>>;

/** The dispatcher console in chromium, signed in, as the bench reads it. */
export interface ConsolePage {
  readonly page: Page;
  /** Vehicles the page holds, how many have a fix, and how many the map draws in view. */
  fleet(): Promise<{ vehicles: number; withFix: number; inView: number }>;
  /** Records frames and long tasks for `seconds`, with the machine's CPU busy share meanwhile. */
  record(seconds: number): Promise<{ recording: FrameRecording; machineBusy: number }>;
  /** Clicks the first vehicle of the list: the map flies to it at street level. */
  focusFirstVehicle(): Promise<void>;
  /** Clicks "Show all": the map frames the whole fleet again. */
  showAll(): Promise<void>;
  /** Saves a screenshot as `<dir>/<name>.png` when MAP_FPS_SCREENSHOTS names a folder. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens the console at 1440 x 900, signs in and waits until the feed is live with every vehicle drawn. */
export async function openConsole(
  browser: Browser,
  url: string,
  login: { email: string; password: string },
  vehicles: number,
  beforeOpen: (page: Page) => Promise<void> = async () => undefined,
): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: "UTC" });
  const page = await context.newPage();
  await beforeOpen(page);
  const errors: string[] = [];
  page.on("pageerror", (error: Error) => errors.push(error.message));
  await page.goto(url);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Page scripts are strings: the bench's TypeScript has no DOM types (and see frame-probe.ts).
  await page.waitForFunction(
    `window.__waybill?.connectionStatus() === "live" && window.__waybill.vehicleCount() >= ${vehicles}`,
    undefined,
    { timeout: 120_000 },
  );
  if (errors.length > 0) throw new Error(`the console failed: ${errors.join("; ")}`);
  return {
    page,
    fleet: () =>
      page.evaluate(`(() => {
        const hook = window.__waybill;
        const ids = hook.vehicleIds();
        const withFix = ids.filter((id) => hook.vehiclePosition(id) !== null).length;
        return { vehicles: ids.length, withFix, inView: hook.renderedVehicleCount() };
      })()`),
    record: async (seconds) => {
      const before = cpuTimes();
      const recording = (await page.evaluate(frameProbeScript(seconds * 1000))) as FrameRecording;
      const after = cpuTimes();
      return { recording, machineBusy: (after.busy - before.busy) / (after.total - before.total) };
    },
    focusFirstVehicle: () => page.locator(".vehicle-row").first().click(),
    showAll: () => page.getByRole("button", { name: "Show all" }).click(),
    screenshot: async (name) => {
      const dir = process.env.MAP_FPS_SCREENSHOTS;
      if (dir) await page.screenshot({ path: `${dir}/${name.replace(/[^a-z0-9]+/gi, "-")}.png` });
    },
    close: () => context.close(),
  };
}

/** Busy and total jiffies of all CPUs since boot (/proc/stat). */
function cpuTimes(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}
