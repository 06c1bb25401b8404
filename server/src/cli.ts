import { runSimulateCommand, SIMULATE_USAGE } from "@waybill/telematics/simulator/simulate.command";
import { UsageError } from "@waybill/telematics/simulator/usage-error";
import { openDatabase } from "./adapters/db/database";
import { IMPORT_OSM_USAGE, runImportOsmCommand } from "./adapters/osm/import-osm.command";
import { createProgressReporter } from "./adapters/osm/progress-bar";
import { MATCH_USAGE, runMatchCommand } from "./cli/match.command";
import { MATRIX_USAGE, ROUTE_USAGE, runMatrixCommand, runRouteCommand } from "./cli/routing.commands";
import { loadScenarioWorld } from "./cli/scenario-world";
import { runSolveCommand, SOLVE_USAGE } from "./cli/solve.command";
import { ConfigError, loadConfig } from "./config/env";

/** One command of `pnpm waybill`: what it does and how to run it. */
interface Command {
  readonly summary: string;
  readonly usage: readonly string[];
  run(argv: readonly string[]): Promise<void>;
}

const COMMANDS: Record<string, Command> = {
  simulate: {
    summary: "drive simulated vehicles that publish telemetry to a broker",
    usage: SIMULATE_USAGE,
    run: async (argv) => {
      const controller = new AbortController();
      process.once("SIGINT", () => controller.abort());
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const counters = await runSimulateCommand(argv, {
        log,
        signal: controller.signal,
        scenarioWorld: (scenario) => loadScenarioWorld(scenario, loadConfig(process.env), log),
      });
      process.stderr.write(
        `simulate: ${counters.published} fixes published, ${counters.dropped} dropped, ${counters.failed} failed\n`,
      );
    },
  },
  "import-osm": {
    summary: "import an OpenStreetMap file (.osm.pbf, .osm, .osm.gz) into a routable graph",
    usage: IMPORT_OSM_USAGE,
    run: async (argv) => {
      const progress = createProgressReporter(process.stderr);
      await runImportOsmCommand(argv, {
        log: (line) => process.stdout.write(`${line}\n`),
        progress,
        dataDir: loadConfig(process.env).dataDir,
      });
    },
  },
  route: {
    summary: "fastest route between points, with turn-by-turn steps",
    usage: ROUTE_USAGE,
    run: (argv) => runRouteCommand(argv, (line) => process.stdout.write(`${line}\n`)),
  },
  matrix: {
    summary: "travel-time and distance matrix between points",
    usage: MATRIX_USAGE,
    run: (argv) => runMatrixCommand(argv, (line) => process.stdout.write(`${line}\n`)),
  },
  solve: {
    summary: "plan vehicle routes for a VRPTW instance (Solomon or VRPLIB file)",
    usage: SOLVE_USAGE,
    run: async (argv) => {
      const controller = new AbortController();
      process.once("SIGINT", () => controller.abort());
      await runSolveCommand(argv, {
        log: (line) => process.stdout.write(`${line}\n`),
        progress: (line) => process.stderr.write(`${line}\n`),
        signal: controller.signal,
      });
    },
  },
  match: {
    summary: "match a GPS track (GPX) to the roads: the driven path and each fix's road position",
    usage: MATCH_USAGE,
    run: (argv) => {
      const config = loadConfig(process.env);
      return runMatchCommand(argv, {
        log: (line) => process.stdout.write(`${line}\n`),
        dataDir: config.dataDir,
        osmFile: config.OSM_FILE,
      });
    },
  },
  migrate: {
    summary: "apply database migrations to DATABASE_URL (or the embedded database) and exit",
    usage: ["Usage: waybill migrate   (configured by DATABASE_URL / DATA_DIR)"],
    run: async () => {
      const config = loadConfig(process.env);
      const database = await openDatabase(
        config.DATABASE_URL
          ? { kind: "postgres", url: config.DATABASE_URL }
          : { kind: "pglite", dataDir: config.dataDir },
      );
      await database.close();
      process.stderr.write(`migrate: ${database.kind} database is up to date\n`);
    },
  },
  "check-config": {
    summary: "validate the environment as the server would, and print the settings (secrets hidden)",
    usage: ["Usage: waybill check-config"],
    run: async () => {
      const { WAYBILL_ADMIN_KEY, DATABASE_URL, MQTT_URL, SMTP_URL, ...rest } = loadConfig(process.env);
      const shown = {
        ...rest,
        DATABASE_URL: hidePassword(DATABASE_URL),
        MQTT_URL: hidePassword(MQTT_URL),
        SMTP_URL: hidePassword(SMTP_URL),
        WAYBILL_ADMIN_KEY: WAYBILL_ADMIN_KEY ? "(set)" : "(unset)",
      };
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    },
  },
};

const hidePassword = (url: string) => url.replace(/(\/\/[^:/@]+):[^@/]+@/, "$1:***@");

function printHelp(): void {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  process.stdout.write(
    `Usage: pnpm waybill <command> [flags]\n\nCommands:\n${lines.join("\n")}\n\n"pnpm waybill <command> --help" shows a command's flags.\n`,
  );
}

/** Entry of `pnpm waybill`: the command-line tool later issues extend with more commands. */
async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    printHelp();
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`waybill: unknown command "${name}"\n\n`);
    printHelp();
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${command.usage.join("\n")}\n`);
    return 0;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`waybill ${name}: ${error.message}\n\n${command.usage.join("\n")}\n`);
      return 2;
    }
    process.stderr.write(`waybill ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
