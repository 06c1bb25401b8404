import type { LoadDto, PlannedRouteDto, PlannedStopDto } from "@waybill/shared";
import { DIMENSIONS, type DispatchStop, type DispatchVehicle } from "./dispatch-problem";

/** Travel of one leg of a route. */
export interface Leg {
  readonly durationS: number;
  readonly distanceM: number;
}

const LABELS: Record<keyof LoadDto, string> = { weightKg: "kg", volumeM3: "m³", units: "units" };

/**
 * Times a route a dispatcher edited by hand: leaves at the shift start, waits for windows, and
 * says in plain words what is wrong (a window missed, capacity exceeded, the shift overrun)
 * instead of refusing. `legs` are start -> stop 1 -> ... -> stop n -> end (n + 1 legs).
 */
export function retimeRoute(
  vehicle: DispatchVehicle,
  stops: readonly DispatchStop[],
  legs: readonly Leg[],
): Omit<PlannedRouteDto, "geometry"> {
  if (legs.length !== stops.length + 1)
    throw new RangeError(`expected ${stops.length + 1} legs, got ${legs.length}`);
  const iso = (ms: number) => new Date(ms).toISOString();
  const load = sumLoads(stops.filter((stop) => stop.kind === "delivery"));
  let clock = vehicle.shiftMs[0];
  let distanceM = 0;
  const planned: PlannedStopDto[] = [];
  stops.forEach((stop, index) => {
    const leg = legs[index] as Leg;
    distanceM += leg.distanceM;
    const arrival = clock + leg.durationS * 1000;
    const { serviceAt, lateS } = serviceStart(arrival, stop);
    const sign = stop.kind === "delivery" ? -1 : 1;
    for (const dimension of DIMENSIONS) load[dimension] += sign * stop.load[dimension];
    const warnings = [
      ...(lateS > 0 ? [`${Math.round(lateS / 60)} min past the window`] : []),
      ...overCapacity(load, vehicle),
    ];
    clock = serviceAt + stop.serviceS * 1000;
    planned.push({
      stopId: stop.stopId,
      orderId: stop.orderId,
      kind: stop.kind,
      lat: stop.lat,
      lng: stop.lng,
      arrivalAt: iso(arrival),
      serviceAt: iso(serviceAt),
      departureAt: iso(clock),
      waitS: Math.round((serviceAt - arrival) / 1000),
      lateS,
      load: { ...load },
      warnings,
    });
  });
  const last = legs.at(-1) as Leg;
  distanceM += last.distanceM;
  const endAt = clock + last.durationS * 1000;
  const durationS = Math.round((endAt - vehicle.shiftMs[0]) / 1000);
  const warnings = [
    ...(endAt > vehicle.shiftMs[1]
      ? [`back ${Math.round((endAt - vehicle.shiftMs[1]) / 60_000)} min after the shift ends`]
      : []),
    ...(vehicle.maxDurationS !== null && durationS > vehicle.maxDurationS
      ? ["longer than the vehicle's maximum route duration"]
      : []),
    ...overCapacity(sumLoads(stops.filter((stop) => stop.kind === "delivery")), vehicle).map(
      (w) => `leaves the depot ${w}`,
    ),
  ];
  return {
    vehicleId: vehicle.vehicleId,
    driverId: vehicle.driverId,
    startAt: iso(vehicle.shiftMs[0]),
    endAt: iso(endAt),
    distanceM,
    durationS,
    stops: planned,
    warnings,
  };
}

/** Service starts at arrival, or when the first window still open opens; late past every window. */
function serviceStart(arrivalMs: number, stop: DispatchStop): { serviceAt: number; lateS: number } {
  if (stop.timeWindows.length === 0) return { serviceAt: arrivalMs, lateS: 0 };
  for (const window of stop.timeWindows) {
    const end = Date.parse(window.end);
    if (arrivalMs <= end) return { serviceAt: Math.max(arrivalMs, Date.parse(window.start)), lateS: 0 };
  }
  const lastEnd = Date.parse(stop.timeWindows.at(-1)?.end ?? "");
  return { serviceAt: arrivalMs, lateS: Math.round((arrivalMs - lastEnd) / 1000) };
}

type MutableLoad = { -readonly [K in keyof LoadDto]: number };

function sumLoads(stops: readonly DispatchStop[]): MutableLoad {
  const total = { weightKg: 0, volumeM3: 0, units: 0 };
  for (const stop of stops) for (const dimension of DIMENSIONS) total[dimension] += stop.load[dimension];
  return total;
}

function overCapacity(load: LoadDto, vehicle: DispatchVehicle): string[] {
  return DIMENSIONS.flatMap((dimension) => {
    const capacity = vehicle.capacity[dimension];
    return capacity !== undefined && load[dimension] > capacity + 1e-9
      ? [`over capacity: ${round(load[dimension])} of ${capacity} ${LABELS[dimension]}`]
      : [];
  });
}

const round = (value: number) => Math.round(value * 100) / 100;
