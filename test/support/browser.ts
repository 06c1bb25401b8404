import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's chromium; playwright's own browser download does not work on these machines. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** False on a machine without chromium; browser suites skip with the install hint. */
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Why browser suites are skipped when {@link hasChromium} is false. */
export const NO_CHROMIUM_REASON = `skipped: ${CHROMIUM_PATH} not installed; apt-get install chromium`;

const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // WebGL (maplibre) through SwiftShader: no GPU on CI machines.
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
];

/**
 * Launches headless chromium with a new, empty profile (launch() always starts from a fresh user
 * data dir) and WebGL through SwiftShader.
 *
 * @example
 * const browser = await launchBrowser();
 * const page = await browser.newPage();
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Collects uncaught exceptions and console errors of a page, so a test can assert the page ran
 * clean. Returns the live array.
 *
 * @example
 * const errors = collectPageErrors(page);
 * expect(errors).toEqual([]);
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  return errors;
}
