/**
 * Waits for every task of a round, then fails with the first failure: a round never ends (nor
 * lets the loop stop) while one of its requests is still in flight.
 */
export async function settleAll(tasks: readonly Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(tasks)).find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
}

/**
 * Runs `work` at once and again `intervalMs` after each run ends, or straight away when the run
 * says there is more to do, until stopped. A failing run is reported and the loop goes on.
 *
 * @example
 * const loop = new PollingLoop(() => dispatcher.runOnce(), 1000, (e) => log.error({ err: e }));
 * loop.start();
 * await loop.stop();
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<boolean>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the loop; resolves when the run under way (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.run();
    }, delayMs);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    let more = false;
    try {
      more = await this.work();
    } catch (error) {
      this.onError(error);
    }
    this.running = null;
    this.schedule(more ? 0 : this.intervalMs);
  }
}
