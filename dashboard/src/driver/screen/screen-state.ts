import type { Directions } from "../api/driver-api";
import type { OutboxRejection } from "../outbox/outbox";
import type { OutboxEntry, PositionFix } from "../outbox/outbox-action";
import type { DriverView } from "../route/pending-overlay";

/** The directions to the next stop as the screen shows them. */
export type DirectionsState =
  | { readonly kind: "unavailable"; readonly message: string }
  | { readonly kind: "loading" }
  | { readonly kind: "ready"; readonly directions: Directions; readonly from: "position" | "previous stop" };

/** Everything the route screen draws; the controller owns it and hands over a new one per change. */
export interface ScreenState {
  /** The route with unsent actions applied; null until the first route is known. */
  readonly view: DriverView | null;
  /** Why the route could not be loaded, when there is none to show. */
  readonly loadError: string | null;
  readonly online: boolean;
  readonly pending: readonly OutboxEntry[];
  readonly rejections: readonly OutboxRejection[];
  /** The last route change by dispatch, until dismissed. */
  readonly notice: string | null;
  /** A problem with the phone's position, shown while on shift. */
  readonly gpsMessage: string | null;
  readonly directions: DirectionsState;
  readonly position: PositionFix | null;
}

/** What the driver can do on the route screen. */
export interface ScreenActions {
  startShift(): void;
  endShift(): void;
  reportIncident(): void;
  onMyWay(stopId: string): void;
  arrived(stopId: string): void;
  deliver(stopId: string): void;
  fail(stopId: string): void;
  dismissNotice(): void;
  dismissRejection(entryId: number): void;
  signOut(): void;
}
