import {
  ApproveProposalBody,
  AssignStopBody,
  ContingencyPolicyBody,
  CreateOrderBody,
  CreatePlanBody,
  CreateProposalBody,
  FeedbackBody,
  IncidentBody,
  MovePlanStopBody,
  OrderStatusBody,
  RescheduleBody,
  ReturnRequestBody,
  StartShiftBody,
  StopStatusBody,
} from "@waybill/shared";
import { body, json, pathParam, problems, queryParam, secured } from "./openapi-parts";

const ok = (description: string) => ({ 200: { description, ...json({ type: "object" }) } });
const created = (description: string) => ({ 201: { description, ...json({ type: "object" }) } });

/** OpenAPI paths of orders, stops, proofs of delivery, tracking links and KPIs. */
export function orderPaths(): Record<string, unknown> {
  const id = [pathParam("id")];
  return {
    "/api/v1/orders": {
      post: {
        summary: "Create an order (idempotent with Idempotency-Key)",
        description:
          "Coordinates are required (no geocoding). Windows with an offset are absolute; without one they are read in `timeZone`. The same Idempotency-Key with the same body returns the first order (`Idempotent-Replayed: true`); with another body, 422.",
        ...secured,
        parameters: [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string" } }],
        requestBody: body(CreateOrderBody),
        responses: { ...created("The order, with `trackingUrl`"), ...problems(400, 401, 403, 409, 422) },
      },
      get: {
        summary: "Orders, newest first, with cursor pagination",
        ...secured,
        parameters: [
          queryParam("status", "comma-separated order statuses"),
          queryParam("channel", "sales channel"),
          queryParam("externalRef", "the order system's reference"),
          queryParam("q", "text in the reference, customer name or email"),
          queryParam("vehicleId", "orders with a stop on this vehicle"),
          queryParam("from", "received at or after (ISO-8601)"),
          queryParam("to", "received before (ISO-8601)"),
          queryParam("limit", "1-200, default 50"),
          queryParam("cursor", "`nextCursor` of the previous page"),
        ],
        responses: { ...ok("`{ items, nextCursor }`"), ...problems(401, 403, 422) },
      },
    },
    "/api/v1/orders/import": {
      post: {
        summary: "Bulk import: a JSON array of orders, or CSV (text/csv, one line per item)",
        description:
          "CSV columns: channel, externalRef, customerName, customerEmail, customerPhone, address, lat, lng, timeZone, windowStart, windowEnd, sku, quantity, weightKg, volumeM3, description, serviceTimeSeconds, skills, priority, notes. Lines with the same externalRef form one order. The report lists each order with its source rows and field errors.",
        ...secured,
        responses: { ...ok("Import report"), ...problems(400, 401, 403, 413, 422) },
      },
    },
    "/api/v1/orders/by-ref/{externalRef}": {
      get: {
        summary: "An order by the order system's reference",
        ...secured,
        parameters: [pathParam("externalRef")],
        responses: { ...ok("The order with timeline and proofs"), ...problems(401, 403, 404) },
      },
    },
    "/api/v1/orders/{id}": {
      get: {
        summary: "An order: statuses, milestone, stops, ETA, timeline, proofs of delivery, trackingUrl",
        ...secured,
        parameters: id,
        responses: { ...ok("The order"), ...problems(401, 403, 404) },
      },
    },
    "/api/v1/orders/{id}/status": {
      post: {
        summary: "The order system's own transitions: ready (picked and packed) or cancelled",
        ...secured,
        parameters: id,
        requestBody: body(OrderStatusBody),
        responses: { ...ok("The order"), ...problems(401, 403, 404, 409, 422) },
      },
    },
    "/api/v1/orders/{id}/return": {
      post: {
        summary: "Return a delivered order: a pickup stop back to the depot",
        ...secured,
        parameters: id,
        requestBody: body(ReturnRequestBody),
        responses: { ...ok("The order"), ...problems(401, 403, 404, 409, 422) },
      },
    },
    "/api/v1/orders/{id}/reschedule": {
      post: {
        summary: "Another delivery attempt after a failure (new windows optional)",
        ...secured,
        parameters: id,
        requestBody: body(RescheduleBody),
        responses: { ...ok("The order"), ...problems(401, 403, 404, 409, 422) },
      },
    },
    "/api/v1/orders/{id}/return-to-sender": {
      post: {
        summary: "Give up after a failed delivery: the goods go back to the sender",
        ...secured,
        parameters: id,
        responses: { ...ok("The order"), ...problems(401, 403, 404, 409) },
      },
    },
    "/api/v1/orders/{id}/tracking-link": {
      post: {
        summary: "Issue a new customer tracking link (the old one stops working)",
        ...secured,
        parameters: id,
        responses: { ...created("`{ trackingUrl, expiresAt }`"), ...problems(401, 403, 404) },
      },
      delete: {
        summary: "Withdraw the order's tracking link",
        ...secured,
        parameters: id,
        responses: { 204: { description: "Withdrawn" }, ...problems(401, 403, 404) },
      },
    },
    "/api/v1/stops": {
      get: {
        summary: "Stops by route order, each with its order's `channel`; a driver sees only their own",
        ...secured,
        parameters: [
          queryParam("vehicleId", "one vehicle's route"),
          queryParam("open", "true: only stops still to serve"),
          queryParam(
            "completedSince",
            "only stops completed (served or failed) at or after this ISO-8601 date-time with offset, e.g. the start of today; not with open=true",
          ),
        ],
        responses: { ...ok("Stops"), ...problems(401, 403, 422) },
      },
    },
    "/api/v1/stops/{id}/assign": {
      post: {
        summary: "Put a stop on a vehicle's route (dispatch); the order becomes planned",
        ...secured,
        parameters: id,
        requestBody: body(AssignStopBody),
        responses: { ...ok("The stop"), ...problems(401, 403, 404, 409, 422) },
      },
    },
    "/api/v1/stops/{id}/unassign": {
      post: {
        summary: "Take a stop off its route; a planned order goes back to ready",
        ...secured,
        parameters: id,
        responses: { ...ok("The stop"), ...problems(401, 403, 404, 409) },
      },
    },
    "/api/v1/stops/{id}/status": {
      post: {
        summary: "Execution: en_route, arrived, completed (succeeded, or failed with a reason)",
        ...secured,
        parameters: id,
        requestBody: body(StopStatusBody),
        responses: { ...ok("The stop"), ...problems(401, 403, 404, 409, 422) },
      },
    },
    "/api/v1/stops/{id}/proof": {
      post: {
        summary:
          "Proof of delivery (multipart): signature, photos (PNG, JPEG, WebP; 5 MB each, 6 photos), recipientName, note, lat, lng",
        ...secured,
        parameters: id,
        responses: { ...created("The stop"), ...problems(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    "/api/v1/proof-files/{id}": {
      get: {
        summary: "A proof-of-delivery image",
        ...secured,
        parameters: id,
        responses: { 200: { description: "The image" }, ...problems(401, 403, 404) },
      },
    },
    "/api/v1/kpis": {
      get: {
        summary:
          "Lead time, on-time rate, first-attempt success, accuracy, return rate: overall, per channel, per day",
        ...secured,
        parameters: [
          queryParam("from", "orders received at or after (ISO-8601 date or date-time)"),
          queryParam("to", "orders received before"),
          queryParam("channel", "one sales channel"),
        ],
        responses: { ...ok("KPI report"), ...problems(401, 403, 422) },
      },
    },
    "/api/v1/driver/route": {
      get: {
        summary: "Driver: my shift and today's stops in route order, with customer, notes and items",
        description:
          "Fetch it again on `route:changed` from the live channel: socket.io namespace `/driver`, handshake `auth: { token }` with the same session token; the socket joins the driver's own room only and hears `{ driverId, version, added, removed, resequenced, notice }` whenever dispatch, a plan or a re-route changes the route.",
        ...secured,
        responses: { ...ok("`{ shift, stops }`"), ...problems(401, 403) },
      },
    },
    "/api/v1/driver/shift": {
      post: {
        summary: "Driver: start a shift on a vehicle; my phone now reports as a device of it",
        ...secured,
        requestBody: body(StartShiftBody),
        responses: { ...created("The shift"), ...problems(401, 403, 422) },
      },
      delete: {
        summary: "Driver: end my shift",
        ...secured,
        responses: { ...ok("The ended shift"), ...problems(401, 403, 409) },
      },
    },
    "/api/v1/driver/positions": {
      post: {
        summary: "Driver: my phone's positions (native fixes, as MQTT devices send them); 202 once stored",
        ...secured,
        requestBody: {
          required: true,
          ...json({ type: "object", properties: { fixes: { type: "array" } } }),
        },
        responses: {
          202: { description: "Stored (bad fixes are kept as rejected telemetry with the reason)" },
          ...problems(401, 403, 409, 422),
        },
      },
    },
    "/api/v1/driver/incidents": {
      post: {
        summary: "Driver: report a breakdown, an accident or a blocked road",
        ...secured,
        requestBody: body(IncidentBody),
        responses: { ...created("The incident"), ...problems(401, 403, 422) },
      },
    },
    "/api/v1/plans": {
      post: {
        summary:
          "Start a route plan for a day (asynchronous: `plan:progress` on the live channel, then fetch it)",
        description:
          "Plans the given stops (default: every unassigned stop of a ready order and every open return pickup) on the given vehicles, on the road network's travel times. Objective `distance` (least distance) or `vehicles` (fewest vehicles first).",
        ...secured,
        requestBody: body(CreatePlanBody),
        responses: {
          202: { description: "The plan, running", ...json({ type: "object" }) },
          ...problems(401, 403, 422),
        },
      },
      get: {
        summary: "The latest 50 plans",
        ...secured,
        responses: { ...ok("Plans"), ...problems(401, 403) },
      },
    },
    "/api/v1/plans/{id}": {
      get: {
        summary:
          "A plan: routes with per-stop arrival, service and departure times, loads and road geometry; unassigned stops with reasons",
        ...secured,
        parameters: id,
        responses: { ...ok("The plan"), ...problems(401, 403, 404) },
      },
    },
    "/api/v1/plans/{id}/cancel": {
      post: {
        summary: "Stop a running plan early: it keeps the best routes found",
        ...secured,
        parameters: id,
        responses: { ...ok("The plan"), ...problems(401, 403, 404, 409) },
      },
    },
    "/api/v1/plans/{id}/move": {
      post: {
        summary: "Move a stop by hand: the routes are re-timed and checked, problems come back as warnings",
        ...secured,
        parameters: id,
        requestBody: body(MovePlanStopBody),
        responses: { ...ok("The plan"), ...problems(401, 403, 404, 409, 422) },
      },
    },
    "/api/v1/plans/{id}/apply": {
      post: {
        summary:
          "Assign the planned stops to their vehicles and drivers in route order; orders become planned",
        ...secured,
        parameters: id,
        responses: { ...ok("`{ applied, failed }`"), ...problems(401, 403, 404, 409) },
      },
    },
    "/api/v1/vehicles/{id}/trips": {
      get: {
        summary:
          "History and replay: a vehicle's day as trips matched to the roads, stays, stops served and alerts (GeoJSON, or GPX)",
        description:
          "Each trip (`kind: trip`) is a LineString along the roads the map matcher found the vehicle on. Beside its vertices run `coordinateAt` (epoch ms: fix times, by distance along the road between fixes) and `speedKmh` (the speed the latest fix reported). Where no road path was found (off the network, a gap no plausible route bridges) the line runs through the stored fixes instead: `rawStretches` lists those [first, last] vertex ranges and `matched` is false. `osmNodeIds` are the OSM nodes driven, `fixCount` the stored fixes; `raw=true` adds them as `rawFixes` ({ coordinates, fixAt, speedKmh }). Stays (`kind: stay`, 3+ minutes within 50 m), stops served and alerts are Points. GPX has one track per trip along the matched line, with times.",
        ...secured,
        parameters: [
          pathParam("id"),
          queryParam("date", "the day, YYYY-MM-DD (required)"),
          queryParam("timeZone", "IANA zone the day is read in (default UTC)"),
          queryParam("format", "geojson (default) or gpx; or send Accept: application/gpx+xml"),
          queryParam(
            "raw",
            "true: also list each trip's stored fixes in properties.rawFixes (default false)",
          ),
        ],
        responses: { 200: { description: "FeatureCollection or GPX" }, ...problems(401, 403, 404, 422) },
      },
    },
    "/api/v1/proposals": {
      post: {
        summary: "Contingency: re-plan the rest of the day from the live state and propose the difference",
        description:
          "Vehicles start where they are; goods on board stay on their van unless it broke down (then they are transferred); the result lists every stop moved, re-sequenced or postponed with its ETA and window before and after, and says why it is (or is not) worth changing the routes. Triggers make them automatically (`proposal:created` on the live channel): a driver's breakdown report, a shipment predicted late, an urgent order for today, a cancelled routed order, a road closure; bursts are paced per organisation (CONTINGENCY_COOLDOWN_MINUTES).",
        ...secured,
        requestBody: body(CreateProposalBody),
        responses: { ...created("The proposal"), ...problems(401, 403, 422) },
      },
      get: {
        summary: "The latest 50 proposals",
        ...secured,
        responses: { ...ok("Proposals"), ...problems(401, 403) },
      },
    },
    "/api/v1/proposals/{id}": {
      get: {
        summary: "A proposal",
        ...secured,
        parameters: id,
        responses: { ...ok("The proposal"), ...problems(401, 403, 404) },
      },
    },
    "/api/v1/proposals/{id}/approve": {
      post: {
        summary: "Carry the proposal out (refused with 409 if the routes changed since it was made)",
        description:
          "Optionally edited first: the stops in `keepStopIds` stay on their vehicle and place; every other change is carried out.",
        ...secured,
        parameters: id,
        requestBody: { ...body(ApproveProposalBody), required: false },
        responses: { ...ok("The proposal, approved"), ...problems(401, 403, 404, 409) },
      },
    },
    "/api/v1/contingency-policy": {
      get: {
        summary:
          "The organisation's policy for triggered proposals (default: every proposal waits for review)",
        ...secured,
        responses: { ...ok("The policy"), ...problems(401, 403) },
      },
      put: {
        summary:
          "Apply triggered proposals automatically within limits: moved stops, extra distance and time; never one that postpones a stop or keeps fewer windows (admins)",
        ...secured,
        requestBody: body(ContingencyPolicyBody),
        responses: { ...ok("The policy"), ...problems(401, 403, 422) },
      },
    },
    "/api/v1/proposals/{id}/reject": {
      post: {
        summary: "Turn the proposal down",
        ...secured,
        parameters: id,
        responses: { ...ok("The proposal, rejected"), ...problems(401, 403, 404, 409) },
      },
    },
    "/api/v1/alerts": {
      get: {
        summary:
          "Delays and exceptions raised by the tracking rules (also pushed as alert:raised / alert:cleared)",
        ...secured,
        parameters: [queryParam("open", "true: only alerts whose condition still holds")],
        responses: { ...ok("Alerts, newest first"), ...problems(401, 403, 422) },
      },
    },
    "/api/v1/alerts/{id}/acknowledge": {
      post: {
        summary: "A dispatcher has seen the alert",
        ...secured,
        parameters: id,
        responses: { ...ok("The alert"), ...problems(401, 403, 404) },
      },
    },
    "/api/v1/track/{token}": {
      get: {
        summary: "Public: the order behind a customer's tracking link",
        parameters: [pathParam("token")],
        responses: { ...ok("Milestone, windows, ETA, history, proofs"), ...problems(404, 410) },
      },
    },
    "/api/v1/track/{token}/streets": {
      get: {
        summary: "Public: the streets within 1 km of the delivery address, for the customer's map (GeoJSON)",
        parameters: [pathParam("token")],
        responses: { ...ok("FeatureCollection of LineStrings"), ...problems(404, 410) },
      },
    },
    "/api/v1/track/{token}/proof-files/{fileId}": {
      get: {
        summary: "Public: a proof-of-delivery image of the order behind the link",
        parameters: [pathParam("token"), pathParam("fileId")],
        responses: { 200: { description: "The image" }, ...problems(404, 410) },
      },
    },
    "/api/v1/track/{token}/feedback": {
      post: {
        summary: "Public: the customer's rating after delivery (once)",
        parameters: [pathParam("token")],
        requestBody: body(FeedbackBody),
        responses: { ...created("The feedback"), ...problems(404, 409, 410, 422) },
      },
    },
  };
}
