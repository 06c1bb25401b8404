import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/**
 * Vitest global setup: builds the dashboard once, before any test file runs. The server serves
 * dashboard/dist, so the browser tests never run against a stale bundle; building it in each
 * file instead let one file's build empty dist/ while another file's browser was loading it.
 */
export default async function buildDashboard(): Promise<void> {
  const dashboard = fileURLToPath(new URL("../../dashboard/", import.meta.url));
  await promisify(execFile)(`${dashboard}node_modules/.bin/vite`, ["build", "--logLevel", "warn"], {
    cwd: dashboard,
  });
}
