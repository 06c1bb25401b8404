import type { PublishMode } from "./generator-protocol";

/** One device connection as the pacers see it. */
export interface PacedClient {
  inFlight: number;
  /** Publishes the next fix; `done` runs on its PUBACK (or failure). */
  publishNext(done: () => void): void;
}

/** Shared counters of the pacers. */
export interface PacingState {
  published: number;
  consumed: number;
  running: boolean;
}

const TICK_MS = 10;
/** Most tokens the bucket holds: 100 ms of the rate, so a stalled timer does not burst. */
const BURST_MS = 100;

/** Starts publishing in `mode`; returns a function that wakes the pacer (new credit). */
export function startPacing(clients: readonly PacedClient[], mode: PublishMode, state: PacingState) {
  return mode.kind === "rate" ? paceAtRate(clients, mode.perSecond, state) : paceAtMax(clients, mode, state);
}

function paceAtRate(clients: readonly PacedClient[], perSecond: number, state: PacingState): () => void {
  let tokens = 0;
  let next = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    if (!state.running) return clearInterval(timer);
    const now = performance.now();
    tokens = Math.min(tokens + ((now - last) * perSecond) / 1000, (BURST_MS * perSecond) / 1000);
    last = now;
    for (; tokens >= 1; tokens--) {
      const client = clients[next]!;
      next = (next + 1) % clients.length;
      client.inFlight++;
      state.published++;
      client.publishNext(() => client.inFlight--);
    }
  }, TICK_MS);
  return () => {};
}

function paceAtMax(
  clients: readonly PacedClient[],
  mode: Extract<PublishMode, { kind: "max" }>,
  state: PacingState,
): () => void {
  const pump = (client: PacedClient): void => {
    while (
      state.running &&
      client.inFlight < mode.windowPerClient &&
      state.published - state.consumed < mode.backlogCap
    ) {
      client.inFlight++;
      state.published++;
      client.publishNext(() => {
        client.inFlight--;
        pump(client);
      });
    }
  };
  const wake = () => {
    for (const client of clients) pump(client);
  };
  wake();
  return wake;
}
