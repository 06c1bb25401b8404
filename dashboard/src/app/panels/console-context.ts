import type { Role } from "@waybill/shared";
import type { WaybillApi } from "../../api/waybill-api";
import type { DispatchSocket } from "../../realtime/dispatch-socket";
import type { DispatchController } from "../dispatch/dispatch-controller";
import type { Drawer } from "./drawer";

/**
 * What the panels may do with the map: fly, read fixes, draw a plan, take clicked points, replay a
 * day, draw road closures, reload the live routes (after a plan is applied).
 */
export type ConsoleMap = Pick<
  DispatchController,
  | "flyTo"
  | "vehicleFix"
  | "showPlan"
  | "pickPoint"
  | "drawPoints"
  | "showReplay"
  | "moveReplayMarker"
  | "showClosures"
  | "showClosureSketch"
  | "frameLine"
  | "refreshLiveRoutes"
>;

/** What every side panel gets from the dispatch page. */
export interface ConsoleContext {
  readonly api: WaybillApi;
  /** The live channel (plan progress, alerts); connected and resynced by LiveSync. */
  readonly socket: DispatchSocket;
  readonly map: ConsoleMap;
  readonly drawer: Drawer;
  /** Shows a vehicle: selects it in the vehicle list and flies to it. */
  readonly focusVehicle: (vehicleId: string) => void;
  /** Opens an order's detail in the drawer. */
  readonly openOrder: (orderId: string) => void;
  /** Names of the organisation's vehicles by id (from the fleet table). */
  readonly vehicleName: (vehicleId: string) => string;
  /** The signed-in user's organisation (closures of others are shown but cannot be removed). */
  readonly organisationId: string;
  /** The signed-in user's role (from `/me`): admins may change the organisation's settings. */
  readonly role: Role;
}

/** A side panel: its content, plus what runs when its tab is shown and when the page goes. */
export interface ConsolePanel {
  readonly element: HTMLElement;
  /** The tab was selected (refresh what may be stale). */
  show(): void;
  destroy(): void;
}
