import type { LngLat } from "@waybill/shared";
import type { DriverLogin } from "./simulate-inputs";

/** An urgent order to post: where, how heavy, how long the stop takes, and when it is due. */
export interface UrgentOrderToPost {
  /** Unique in the scenario run; becomes the order's external reference. */
  readonly ref: string;
  readonly point: LngLat;
  readonly weightKg: number;
  readonly serviceS: number;
  readonly window: { readonly startAt: Date; readonly endAt: Date };
}

/**
 * The priority of a scenario's urgent orders: the highest, so that the server's trigger rules
 * (URGENT_ORDER_PRIORITY, 50 by default) take them as urgent and the burst asks for a re-plan.
 */
const URGENT_PRIORITY = 100;

/** The server refused or failed a scenario request. */
export class ScenarioApiError extends Error {
  override readonly name = "ScenarioApiError";
}

/**
 * What a scenario does through the server's API, with a dispatcher's (or admin's) API key: a
 * breakdown reported by the van's driver (signed in, on shift on the van) or, without the
 * driver's login, by dispatch asking for a recovery; a road closure or slowdown; urgent orders,
 * created and marked ready for dispatch.
 *
 * @example
 * const api = new ScenarioApi("http://127.0.0.1:3000", key);
 * await api.postClosure(line, "bridge closed", null, new Date(Date.now() + 3_600_000));
 */
export class ScenarioApi {
  readonly #vehicleIds = new Map<string, string>();

  constructor(
    private readonly apiUrl: string,
    private readonly apiKey: string,
    private readonly signal?: AbortSignal,
  ) {}

  /** Reports a breakdown of the van with this device id, where it stands; says how it was reported. */
  async reportBreakdown(
    deviceId: string,
    position: LngLat | null,
    driver: DriverLogin | null,
  ): Promise<string> {
    const vehicleId = await this.vehicleIdOf(deviceId);
    const where = position ? { lng: position[0], lat: position[1] } : {};
    if (driver) {
      const { token } = (await this.request("POST", "/api/v1/auth/sessions", null, {
        email: driver.email,
        password: driver.password,
      })) as { token: string };
      await this.request("POST", "/api/v1/driver/shift", token, { vehicleId });
      await this.request("POST", "/api/v1/driver/incidents", token, {
        kind: "breakdown",
        note: "simulated breakdown",
        ...where,
      });
      return `driver ${driver.email} reported a breakdown of ${vehicleId}`;
    }
    const proposal = (await this.request("POST", "/api/v1/proposals", this.apiKey, {
      trigger: "breakdown",
      vehicleId,
      detail: "simulated breakdown",
    })) as { id: string; status: string };
    return `dispatch asked for a recovery of ${vehicleId}: proposal ${proposal.id} ${proposal.status}`;
  }

  /** Closes (factor null) or slows the road under a line until `endsAt`; returns the closure id. */
  async postClosure(
    line: readonly LngLat[],
    reason: string,
    factor: number | null,
    endsAt: Date,
  ): Promise<string> {
    const closure = (await this.request("POST", "/api/v1/road-closures", this.apiKey, {
      geometry: { type: "LineString", coordinates: line },
      reason,
      ...(factor === null ? {} : { speedFactor: factor }),
      endsAt: endsAt.toISOString(),
    })) as { id: string };
    return closure.id;
  }

  /** Creates an order and marks it ready for dispatch; returns its id. */
  async postOrder(order: UrgentOrderToPost): Promise<string> {
    const created = (await this.request("POST", "/api/v1/orders", this.apiKey, {
      channel: "simulator",
      externalRef: order.ref,
      // A simulated customer: an address on the reserved example.com, so their notices are real e-mails.
      customer: { name: `Urgent ${order.ref}`, email: `${order.ref}@example.com` },
      destination: {
        address: `${order.point[1].toFixed(5)}, ${order.point[0].toFixed(5)}`,
        lat: order.point[1],
        lng: order.point[0],
      },
      timeWindows: [{ start: order.window.startAt.toISOString(), end: order.window.endAt.toISOString() }],
      items: [{ sku: "PARCEL", quantity: 1, weightKg: order.weightKg }],
      serviceTimeSeconds: order.serviceS,
      priority: URGENT_PRIORITY,
    })) as { id: string };
    await this.request("POST", `/api/v1/orders/${created.id}/status`, this.apiKey, { status: "ready" });
    return created.id;
  }

  private async vehicleIdOf(deviceId: string): Promise<string> {
    const known = this.#vehicleIds.get(deviceId);
    if (known) return known;
    const vehicles = (await this.request("GET", "/api/v1/vehicles", this.apiKey, undefined)) as {
      id: string;
      deviceId: string | null;
    }[];
    for (const vehicle of vehicles) if (vehicle.deviceId) this.#vehicleIds.set(vehicle.deviceId, vehicle.id);
    const id = this.#vehicleIds.get(deviceId);
    if (!id) throw new ScenarioApiError(`no vehicle of ${this.apiUrl} has device ${deviceId}`);
    return id;
  }

  private async request(method: string, path: string, token: string | null, body: unknown): Promise<unknown> {
    const url = `${this.apiUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(this.signal ? { signal: this.signal } : {}),
      });
    } catch (cause) {
      throw new ScenarioApiError(`${method} ${url} failed: ${(cause as Error).message}`, { cause });
    }
    const text = await response.text();
    if (!response.ok)
      throw new ScenarioApiError(`${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
    return text === "" ? null : (JSON.parse(text) as unknown);
  }
}
