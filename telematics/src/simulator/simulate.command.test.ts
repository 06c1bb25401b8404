import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSimulateArgs, runSimulateCommand, SIMULATE_USAGE, simulatedDeviceId } from "./simulate.command";
import { UsageError } from "./usage-error";

/** The UsageError a call throws; fails when it throws nothing or something else. */
function usageErrorOf(call: () => unknown): UsageError {
  try {
    call();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error("expected a UsageError");
}

describe(parseSimulateArgs.name, () => {
  it("fills the documented defaults", () => {
    expect(parseSimulateArgs([])).toEqual({
      help: false,
      brokerUrl: "mqtt://127.0.0.1:1884",
      vehicleCount: null,
      format: "native",
      intervalMs: 1000,
      noiseM: 4,
      dropoutRate: 0.002,
      seed: 42,
      center: [7.4246, 43.7384],
      speedKmh: 30,
      qos: 1,
      batchSize: 1,
      prefix: "sim",
      routesPath: null,
      credentialsPath: null,
      api: null,
      durationS: null,
      scenario: null,
    });
  });

  it("reads the scenario flags", () => {
    const argv = ["--scenario", "s.json", "--scenario-clock", "10:55", "--scenario-speedup", "30"];
    expect(
      parseSimulateArgs([...argv, "--api", "http://x", "--key", "k", "--drivers", "d.json"]).scenario,
    ).toEqual({
      path: "s.json",
      clock: "10:55",
      speedup: 30,
      driversPath: "d.json",
    });
    expect(parseSimulateArgs(["--scenario", "s.json"]).scenario).toEqual({
      path: "s.json",
      clock: null,
      speedup: 1,
      driversPath: null,
    });
  });

  it("reads every flag, in --flag value and --flag=value forms", () => {
    const argv = ["--broker=mqtts://broker.example:8883", "--vehicles", "3", "--format", "owntracks"];
    argv.push(
      "--interval-ms",
      "250",
      "--noise-m",
      "0",
      "--dropout-rate",
      "0.1",
      "--seed",
      "7",
      "--center",
      "2.35,48.85",
    );
    argv.push(
      "--qos",
      "0",
      "--api",
      "http://localhost:3000/",
      "--key",
      "k",
      "--prefix",
      "demo",
      "--duration-s",
      "1.5",
    );
    expect(parseSimulateArgs(argv)).toMatchObject({
      brokerUrl: "mqtts://broker.example:8883",
      vehicleCount: 3,
      format: "owntracks",
      intervalMs: 250,
      noiseM: 0,
      dropoutRate: 0.1,
      seed: 7,
      center: [2.35, 48.85],
      qos: 0,
      api: { url: "http://localhost:3000", key: "k" },
      prefix: "demo",
      durationS: 1.5,
    });
  });

  it("names the flag and the reason for each bad value", () => {
    const cases: [string[], string][] = [
      [["--vehicles", "ten"], '--vehicles: expected an integer in [1, 10000], got "ten"'],
      [["--vehicles", "0"], '--vehicles: expected an integer in [1, 10000], got "0"'],
      [["--format", "teltonika"], '--format: expected one of native, owntracks, got "teltonika"'],
      [["--interval-ms", "5"], '--interval-ms: expected an integer in [10, 3600000], got "5"'],
      [["--noise-m=-1"], '--noise-m: expected a number in [0, 1000], got "-1"'],
      [["--dropout-rate", "2"], '--dropout-rate: expected a number in [0, 1], got "2"'],
      [["--seed", "1.5"], "--seed: expected an integer"],
      [["--center", "43.7384"], '--center: expected "lng,lat" in degrees'],
      [["--center", "7.4,95"], '--center: expected "lng,lat" in degrees'],
      [
        ["--broker", "localhost:1884"],
        '--broker: expected a mqtt/mqtts/tcp/ws/wss URL, got "localhost:1884"',
      ],
      [["--broker", "not a url"], '--broker: expected a URL, got "not a url"'],
      [["--qos", "2"], '--qos: expected one of 0, 1, got "2"'],
      [["--prefix", "a/b"], '--prefix: expected 1-40 of A-Z a-z 0-9 . _ -, got "a/b"'],
      [["--duration-s", "0"], '--duration-s: expected a number in [0.1, 31536000], got "0"'],
      [["--api", "http://x"], "--api: needs --key APIKEY"],
      [["--key", "k"], "--key: needs --api URL"],
      [["--api", "ftp://x", "--key", "k"], '--api: expected a http/https URL, got "ftp://x"'],
      [
        ["--api", "http://x", "--key", "k", "--credentials", "c.json"],
        "--credentials: cannot be combined with --api",
      ],
      [["--format", "owntracks", "--batch-size", "5"], "--batch-size: OwnTracks sends one fix per message"],
      [["--scenario-clock", "10:00"], "--scenario-clock: needs --scenario FILE"],
      [["--drivers", "d.json"], "--drivers: needs --scenario FILE"],
      [
        ["--scenario", "s.json", "--scenario-clock", "25:00"],
        '--scenario-clock: expected a time of day HH:mm, got "25:00"',
      ],
      [
        ["--scenario", "s.json", "--scenario-speedup", "0"],
        '--scenario-speedup: expected a number in [0.01, 3600], got "0"',
      ],
      [["--scenario", "s.json", "--drivers", "d.json"], "--drivers: needs --api URL --key KEY"],
    ];
    for (const [argv, message] of cases) {
      const error = usageErrorOf(() => parseSimulateArgs(argv));
      expect(error.message, argv.join(" ")).toContain(message);
      expect(error.flag, argv.join(" ")).toBe(message.slice(0, message.indexOf(":")));
    }
  });

  it("names an unknown flag, a missing value and a stray argument", () => {
    expect(usageErrorOf(() => parseSimulateArgs(["--vehiclez", "3"]))).toMatchObject({
      flag: "--vehiclez",
      message: expect.stringContaining("Unknown option '--vehiclez'"),
    });
    expect(usageErrorOf(() => parseSimulateArgs(["--vehicles"]))).toMatchObject({ flag: "--vehicles" });
    expect(usageErrorOf(() => parseSimulateArgs(["--noise-m", "-1"]))).toMatchObject({ flag: "--noise-m" });
    expect(usageErrorOf(() => parseSimulateArgs(["now"])).message).toContain("'now'");
  });
});

describe(runSimulateCommand.name, () => {
  it("prints the usage for --help and publishes nothing", async () => {
    const lines: string[] = [];
    const counters = await runSimulateCommand(["--help"], { log: (line) => lines.push(line) });
    expect(lines).toEqual(SIMULATE_USAGE);
    expect(counters.published).toBe(0);
  });

  it("refuses a bad scenario file before connecting, naming the field", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "waybill-sim-")), "scenario.json");
    writeFileSync(path, JSON.stringify({ name: "x", events: [{ kind: "flood" }] }));
    const run = runSimulateCommand(["--scenario", path, "--broker", "mqtt://127.0.0.1:9"], {
      log: () => undefined,
    });
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(/--scenario: .*events\[0\]\.kind: expected kind breakdown/);
  });

  it("refuses more --vehicles than the credentials file lists, before connecting", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "waybill-sim-")), "credentials.json");
    writeFileSync(path, JSON.stringify([{ deviceId: "sim-1", secret: "a" }]));
    const run = runSimulateCommand(["--credentials", path, "--vehicles", "4"], { log: () => undefined });
    await expect(run).rejects.toThrow(`--vehicles: 4 requested but ${path} lists 1`);
  });
});

describe(simulatedDeviceId.name, () => {
  it("makes one-segment ids for native devices and user/device ids for OwnTracks", () => {
    expect(simulatedDeviceId("native", "sim", 3)).toBe("sim-3");
    expect(simulatedDeviceId("owntracks", "sim", 3)).toBe("sim/van-3");
  });
});
