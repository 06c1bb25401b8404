import { WorkerClient } from "../workers/worker-client";
import type { GraphSourceSpec } from "./graph-source";
import type {
  ClosureLine,
  ClosureMatch,
  LearnedSpeedsApplied,
  MatchBatchResult,
  RoutingInfo,
  RoutingMethods,
} from "./routing-protocol";

type Arg<K extends keyof RoutingMethods> = Parameters<RoutingMethods[K]>[0];
type Result<K extends keyof RoutingMethods> = ReturnType<RoutingMethods[K]>;

const workerEntry = new URL("./routing.worker.ts", import.meta.url);

/**
 * Routing in worker threads: each worker holds the graph and its hierarchy; queries go to the
 * least busy one, closures to all of them. The event loop that ingests telemetry never routes.
 */
export class RoutingPool {
  private roadsCache: Promise<unknown> | null = null;

  private constructor(
    private readonly workers: readonly WorkerClient[],
    readonly info: RoutingInfo,
  ) {}

  /** Starts `size` workers on the graph; the first one imports it when needed (progress reported). */
  static async start(
    source: GraphSourceSpec,
    size: number,
    onProgress?: (p: { fraction: number; label: string }) => void,
  ): Promise<RoutingPool> {
    const first = new WorkerClient(workerEntry);
    try {
      const info = await first.call<RoutingInfo>("init", { source }, (p) =>
        onProgress?.(p as { fraction: number; label: string }),
      );
      // Later workers load the graph file the first one wrote (or rebuild the synthetic town).
      const rest = Array.from({ length: Math.max(0, size - 1) }, () => new WorkerClient(workerEntry));
      await Promise.all(rest.map((worker) => worker.call("init", { source })));
      return new RoutingPool([first, ...rest], info);
    } catch (error) {
      await first.terminate();
      throw error;
    }
  }

  route(arg: Arg<"route">): Promise<Result<"route">> {
    return this.leastBusy().call("route", arg);
  }

  matrix(arg: Arg<"matrix">): Promise<Result<"matrix">> {
    return this.leastBusy().call("matrix", arg);
  }

  snap(arg: Arg<"snap">): Promise<Result<"snap">> {
    return this.leastBusy().call("snap", arg);
  }

  /** Replaces the set of closures in every worker; returns the edges each closure closed. */
  async setClosures(closures: readonly ClosureLine[]): Promise<ClosureMatch> {
    const [match] = await Promise.all(
      this.workers.map((worker) => worker.call<ClosureMatch>("setClosures", { closures })),
    );
    return match!;
  }

  /** Map-matches a recorded track on the least busy worker. */
  matchTrack(arg: Arg<"matchTrack">): Promise<Result<"matchTrack">> {
    return this.leastBusy().call("matchTrack", arg);
  }

  /** How many workers there are (live matching sends each vehicle to one of them). */
  get workerCount(): number {
    return this.workers.length;
  }

  /** Live matching in one worker: the one that keeps the matchers of these fixes' vehicles. */
  matchFixes(worker: number, arg: Arg<"matchFixes">): Promise<MatchBatchResult> {
    return this.workers[worker]!.call("matchFixes", arg);
  }

  /** Gives every worker the learned speeds; returns what each applied. */
  setLearnedSpeeds(arg: Arg<"setLearnedSpeeds">): Promise<LearnedSpeedsApplied[]> {
    return Promise.all(
      this.workers.map((worker) => worker.call<LearnedSpeedsApplied>("setLearnedSpeeds", arg)),
    );
  }

  /** The network as GeoJSON (computed once). */
  roads(): Promise<unknown> {
    this.roadsCache ??= this.workers[0]!.call("roads", {});
    return this.roadsCache;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private leastBusy(): WorkerClient {
    let best = this.workers[0]!;
    for (const worker of this.workers) if (worker.busy < best.busy) best = worker;
    return best;
  }
}
