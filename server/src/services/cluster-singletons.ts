import type { Logger } from "pino";
import type { LockSession } from "../adapters/db/advisory-locks";

/** Background work that must run on one instance at a time (a timer, a polling loop). */
export interface SingletonJob {
  start(): void | Promise<void>;
  /** Stops it; resolves when the run under way (if any) has ended. */
  stop(): void | Promise<void>;
}

interface Entry {
  readonly name: string;
  readonly job: SingletonJob;
  held: boolean;
}

/** Settings of {@link ClusterSingletons}; tests shrink the interval. */
export interface ClusterSingletonsOptions {
  /** Between two rounds (take free locks, check the session), milliseconds. */
  readonly checkIntervalMs: number;
  /** Told whenever this instance starts or stops running a job (metrics). */
  readonly onChange?: (name: string, held: boolean) => void;
}

/**
 * Runs each registered job on exactly one instance of a cluster: the one holding the job's
 * advisory lock (`pg_try_advisory_lock` on a dedicated connection). Every round, each instance
 * tries the locks it does not hold; when the holder stops or dies, its connection closes, the
 * lock frees and another instance starts the job within one round. When this instance loses its
 * lock session it stops its jobs at once, then reconnects and competes again. On embedded PGlite
 * (one instance) every lock is this instance's. Jobs must stay safe to overlap for a moment
 * (a job stops only when its holder notices the lost connection); the ones here are.
 *
 * @example
 * const singletons = new ClusterSingletons(() => PostgresLockSession.connect(url), log, { checkIntervalMs: 5000 });
 * singletons.add("tracking-sweep", sweepLoop);
 * await singletons.start();
 */
export class ClusterSingletons {
  private readonly entries = new Map<string, Entry>();
  private session: LockSession | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private opening: Promise<LockSession> | null = null;
  private closed = false;

  constructor(
    private readonly openSession: () => Promise<LockSession>,
    private readonly log: Logger,
    private readonly options: ClusterSingletonsOptions,
  ) {}

  /** Registers a job under a name unique in the cluster (the lock's name). */
  add(name: string, job: SingletonJob): void {
    if (this.entries.has(name)) throw new Error(`singleton ${name} is already registered`);
    this.entries.set(name, { name, job, held: false });
  }

  /** Names of the jobs this instance runs now. */
  get held(): string[] {
    return [...this.entries.values()].filter((entry) => entry.held).map((entry) => entry.name);
  }

  /** Whether this instance holds `name` now. */
  holds(name: string): boolean {
    return this.entries.get(name)?.held === true;
  }

  /**
   * How many other instances are alive on this database (their lock sessions), for start-up work
   * that is safe only when no other instance is running, such as failing the route plans a
   * stopped server left running.
   */
  async countPeers(): Promise<number> {
    return (await this.connectedSession())?.countPeers() ?? 0;
  }

  /** Runs the first round (jobs whose lock is free start now), then one every interval. */
  async start(): Promise<void> {
    this.closed = false;
    this.running = this.round();
    await this.running;
  }

  /**
   * Resolves once this instance holds the lock `name`, a claim with no job behind it (such as
   * "this MQTT session is alive"), kept like a job's lock; rejects after `timeoutMs`. Tried at
   * once (or in the first round, before {@link start}), then every round.
   */
  async claim(name: string, timeoutMs: number): Promise<void> {
    if (!this.entries.has(name)) this.add(name, { start: () => {}, stop: () => {} });
    this.roundNow();
    const started = performance.now();
    while (!this.holds(name)) {
      if (performance.now() - started > timeoutMs)
        throw new Error(`another instance holds ${name} (waited ${Math.round(timeoutMs / 1000)} s)`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Runs `work` while holding the lock `name`, if no instance holds it now (and it is not one of
   * this instance's own jobs or claims); returns whether it ran. For one-off work on behalf of a
   * dead instance, such as taking over its MQTT session.
   */
  async whileHolding(name: string, work: () => Promise<void>): Promise<boolean> {
    const session = this.session;
    if (!session || this.closed || this.entries.has(name)) return false;
    if (!(await session.tryLock(name))) return false;
    try {
      await work();
    } finally {
      if (this.session === session) await session.unlock(name);
    }
    return true;
  }

  /** Stops every job this instance runs, then frees the locks (in that order: never two at once). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.stopHeld();
    const session = this.session;
    this.session = null;
    await session?.close();
  }

  /** Starts a round now unless one is under way (or the instance is not started). */
  private roundNow(): void {
    if (this.running || !this.timer || this.closed) return;
    clearTimeout(this.timer);
    this.running = this.round();
  }

  private async round(): Promise<void> {
    try {
      const session = await this.connectedSession();
      if (session) await this.takeFreeLocks(session);
    } catch (error) {
      this.log.warn({ err: error }, "cluster singletons: lock round failed; trying again");
    }
    this.running = null;
    if (!this.closed) {
      this.timer = setTimeout(() => {
        this.running = this.round();
      }, this.options.checkIntervalMs);
      this.timer.unref();
    }
  }

  private async connectedSession(): Promise<LockSession | null> {
    if (this.session) {
      await this.session.check(); // a lost session reports itself through onLost
      return this.session;
    }
    // One connection even when a round and countPeers() ask at the same time.
    this.opening ??= this.openSession().finally(() => {
      this.opening = null;
    });
    const session = await this.opening;
    if (this.session === session) return session;
    if (this.closed) {
      await session.close();
      return null;
    }
    session.onLost((error) => void this.lose(session, error));
    this.session = session;
    return session;
  }

  private async takeFreeLocks(session: LockSession): Promise<void> {
    for (const entry of this.entries.values()) {
      if (entry.held || this.closed) continue;
      if (!(await session.tryLock(entry.name))) continue;
      if (this.session !== session || this.closed) return; // lost or closing meanwhile
      entry.held = true;
      this.options.onChange?.(entry.name, true);
      this.log.info({ singleton: entry.name }, "this instance now runs the singleton");
      try {
        await entry.job.start();
      } catch (error) {
        this.log.error({ err: error, singleton: entry.name }, "singleton failed to start; handing it over");
        entry.held = false;
        this.options.onChange?.(entry.name, false);
        await session.unlock(entry.name);
      }
    }
  }

  private async lose(session: LockSession, error: Error): Promise<void> {
    if (this.session !== session) return;
    this.session = null;
    if (!this.closed)
      this.log.error(
        { err: error, held: this.held },
        "cluster singletons: lock session lost; stopping singletons",
      );
    await this.stopHeld();
  }

  private async stopHeld(): Promise<void> {
    const held = [...this.entries.values()].filter((entry) => entry.held);
    for (const entry of held) {
      entry.held = false;
      this.options.onChange?.(entry.name, false);
    }
    await Promise.all(
      held.map(async (entry) => {
        try {
          await entry.job.stop();
        } catch (error) {
          this.log.error({ err: error, singleton: entry.name }, "singleton failed to stop");
        }
      }),
    );
  }
}
