import { ConfigError, loadConfig } from "./config/env";
import { type RunningSystem, startSystem } from "./system";

/**
 * Process entry of the server: `pnpm serve` (configured by the environment) and, with `--demo`,
 * `pnpm start` (plus a demo dispatcher and simulated vans). Stops gracefully on SIGINT/SIGTERM.
 */
async function main(argv: readonly string[]): Promise<void> {
  let system: RunningSystem;
  try {
    const config = loadConfig(process.env);
    const demo = argv.includes("--demo") ? { vehicles: config.DEMO_VEHICLES, intervalMs: 1000 } : undefined;
    system = await startSystem({ env: process.env, ...(demo ? { demo } : {}) });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
      process.exit(2);
    }
    process.stderr.write(
      `Waybill could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
  printBanner(system);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal}: stopping (storing and acknowledging what was received)...\n`);
    void system.close().then(() => process.exit(0));
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

function printBanner(system: RunningSystem): void {
  const lines = [
    "",
    "  Waybill is running",
    `  Dashboard     ${system.url}/`,
    `  API docs      ${system.url}/api/docs`,
    `  Devices MQTT  ${system.mqttUrl}`,
  ];
  if (system.demoLogin) {
    lines.push(
      `  Sign in       ${system.demoLogin.email}  /  ${system.demoLogin.password}   (new password at every start)`,
    );
  }
  if (system.generatedAdminKey) {
    lines.push(
      `  Admin API key ${system.generatedAdminKey}`,
      "                shown this once: store it (or set WAYBILL_ADMIN_KEY). Only its hash is kept.",
    );
  }
  lines.push("  Stop          Ctrl+C", "");
  process.stderr.write(`${lines.join("\n")}\n`);
}

await main(process.argv.slice(2));
