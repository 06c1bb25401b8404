import { type CpuSnapshot, type CpuUsage, cpuBetween } from "./cpu";
import type { DrivePlan } from "./drive-plan";
import { LoadGenerator } from "./generator-process";
import type { GeneratorCounts, PublishMode } from "./generator-protocol";

/** What a phase needs from its consumer (the bare subscriber or Waybill). */
export interface PhaseSpec {
  readonly name: string;
  readonly brokerUrl: string;
  readonly deviceIds: readonly string[];
  /** Each device's day on the road network (`--tracking`); none: back and forth. */
  readonly plans?: Readonly<Record<string, DrivePlan>>;
  readonly mode: PublishMode;
  readonly warmupMs: number;
  readonly windowMs: number;
  /** Messages the consumer has fully handled so far (received, or stored + rejected). */
  consumed(): Promise<number> | number;
  /** CPU of every part so far; `generator` is filled in from the generator's reports. */
  cpu(): Promise<Omit<CpuSnapshot, "generator">>;
  /** Turns latency recording on for the steady window and off after it. */
  record(on: boolean): void;
}

/** What a phase measured over its steady window, and its totals once drained. */
export interface PhaseResult {
  readonly name: string;
  readonly windowSeconds: number;
  /** Messages consumed per second over the window. */
  readonly consumedPerSecond: number;
  readonly publishedPerSecond: number;
  readonly windowMessages: number;
  readonly cpu: CpuUsage;
  /** The generator's final counts (every publish acknowledged by the broker or failed). */
  readonly generator: GeneratorCounts;
  /** Consumed over the whole phase, counted after draining. */
  readonly consumedTotal: number;
  readonly drainMs: number;
}

/**
 * How often the generator learns what the consumer has taken (its credit in "max" mode). Not
 * faster: a consumer counts a message before its PUBACK reaches the broker, so with a 2 ms credit
 * the broker sometimes had to queue, and Mosquitto 2.0.11 then strands messages (the bare hop
 * stalled in 3 of 5 attempts; "Broker settings Waybill needs").
 */
const CREDIT_EVERY_MS = 20;
/** After publishing stopped, draining gives up once the consumer took nothing for this long. */
const DRAIN_IDLE_MS = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one phase: a fresh generator child connects its devices and publishes in `mode`; after the
 * warm-up the steady window is measured (consumed count, CPU, latency recording); then publishing
 * stops and the phase waits until the consumer has taken every acknowledged message.
 */
export async function runPhase(spec: PhaseSpec): Promise<PhaseResult> {
  const generator = LoadGenerator.spawn();
  try {
    await generator.connect(spec.brokerUrl, spec.deviceIds, spec.plans);
    const before = await spec.consumed();
    let reported = 0;
    const credit = setInterval(async () => {
      const taken = (await spec.consumed()) - before;
      if (taken === reported) return;
      reported = taken;
      generator.reportConsumed(taken);
    }, CREDIT_EVERY_MS);
    generator.start(spec.mode);
    await sleep(spec.warmupMs);
    const start = await mark(spec, generator);
    spec.record(true);
    await sleep(spec.windowMs);
    spec.record(false);
    const end = await mark(spec, generator);
    clearInterval(credit);
    const final = await generator.stop();
    const drainStarted = performance.now();
    const consumedTotal = await drain(spec, before, final.acked);
    return summarise(spec.name, start, end, final, consumedTotal, performance.now() - drainStarted);
  } finally {
    generator.kill();
  }
}

/** Waits until the consumer took `expected` messages or stopped making progress; returns its count. */
async function drain(spec: PhaseSpec, before: number, expected: number): Promise<number> {
  let consumed = (await spec.consumed()) - before;
  let progressAt = performance.now();
  while (consumed < expected && performance.now() - progressAt < DRAIN_IDLE_MS) {
    await sleep(20);
    const now = (await spec.consumed()) - before;
    if (now > consumed) progressAt = performance.now();
    consumed = now;
  }
  return consumed;
}

interface Mark {
  readonly at: number;
  readonly consumed: number;
  readonly published: number;
  readonly cpu: CpuSnapshot;
}

async function mark(spec: PhaseSpec, generator: LoadGenerator): Promise<Mark> {
  const consumed = await spec.consumed();
  const cpu = { ...(await spec.cpu()), generator: generator.latest.cpuMicros };
  return { at: performance.now(), consumed, published: generator.latest.published, cpu };
}

function summarise(
  name: string,
  start: Mark,
  end: Mark,
  generator: GeneratorCounts,
  consumedTotal: number,
  drainMs: number,
): PhaseResult {
  const seconds = (end.at - start.at) / 1000;
  const windowMessages = end.consumed - start.consumed;
  return {
    name,
    windowSeconds: seconds,
    consumedPerSecond: windowMessages / seconds,
    publishedPerSecond: (end.published - start.published) / seconds,
    windowMessages,
    cpu: cpuBetween(start.cpu, end.cpu),
    generator,
    consumedTotal,
    drainMs,
  };
}
