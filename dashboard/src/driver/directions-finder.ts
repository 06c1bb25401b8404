import type { DriverStopDto } from "@waybill/shared";
import { ApiError, NETWORK_ERROR_STATUS } from "../api/api-error";
import type { Directions } from "./api/driver-api";
import type { PositionFix } from "./outbox/outbox-action";
import { previousStop } from "./route/next-stop";
import type { DirectionsState } from "./screen/screen-state";

/** Asks the routing engine for directions between two [lng, lat] points. */
export type FetchDirections = (from: [number, number], to: [number, number]) => Promise<Directions>;

const NEED_CONNECTION: DirectionsState = { kind: "unavailable", message: "Directions need a connection." };

/**
 * Fetches turn-by-turn directions to the next stop from the routing engine: from the phone's
 * position, or from the previous stop while the phone has none. Asked for again only when the
 * next stop or the kind of start changes, or when the network comes back after a failure; not
 * on every fix, nor in a loop after a refusal.
 */
export class DirectionsFinder {
  private key = "";
  private state: DirectionsState = NEED_CONNECTION;

  constructor(
    private readonly fetchDirections: FetchDirections,
    private readonly onChange: () => void,
  ) {}

  /** The directions to show for `next`; starts a fetch when they are not known yet and `online`. */
  find(
    stops: readonly DriverStopDto[],
    next: DriverStopDto | null,
    position: PositionFix | null,
    online: boolean,
  ): DirectionsState {
    if (next === null) return { kind: "unavailable", message: "" };
    const origin = position === null ? "previous stop" : "position";
    const key = `${next.id}|${origin}`;
    if (key === this.key) return this.state;
    const previous = position === null ? previousStop(stops, next) : null;
    const from: [number, number] | null = position
      ? [position.lng, position.lat]
      : previous && [previous.place.lng, previous.place.lat];
    if (from === null)
      return { kind: "unavailable", message: "Directions start once the phone knows where it is." };
    if (!online) return NEED_CONNECTION;
    this.key = key;
    this.state = { kind: "loading" };
    void this.fetch(key, from, [next.place.lng, next.place.lat], origin);
    return this.state;
  }

  private async fetch(
    key: string,
    from: [number, number],
    to: [number, number],
    origin: "position" | "previous stop",
  ): Promise<void> {
    try {
      const directions = await this.fetchDirections(from, to);
      if (key === this.key) this.state = { kind: "ready", directions, from: origin };
    } catch (error) {
      if (key !== this.key) return;
      const offline = error instanceof ApiError && error.status === NETWORK_ERROR_STATUS;
      // No answer: ask again once the network is back. A refusal stays until the stop changes.
      if (offline) this.key = "";
      this.state = offline
        ? NEED_CONNECTION
        : {
            kind: "unavailable",
            message: `No directions: ${error instanceof Error ? error.message : String(error)}`,
          };
    }
    this.onChange();
  }
}
