import { createScratchDatabase } from "../../server/src/adapters/db/testing/test-database";
import { postgres } from "../support/packages";

/** The bench's scratch PostgreSQL database and the queries the bench runs on it. */
export interface BenchDatabase {
  readonly url: string;
  readonly name: string;
  /** Rows in `positions`. */
  countPositions(): Promise<number>;
  /** What live tracking wrote so far (see {@link TrackingRows}). */
  trackingRows(): Promise<TrackingRows>;
  /** The server's version string. */
  version(): Promise<string>;
  drop(): Promise<void>;
}

/** Rows live tracking wrote: arrivals, order events, alerts raised (by kind). */
export interface TrackingRows {
  /** Stops with an arrival time (tracking reports arrivals from the geofence). */
  readonly arrivals: number;
  /** Stops tracking put en route. */
  readonly enRoute: number;
  /** `shipment.eta_updated` events (an ETA moved by 2 minutes or more, or the first one). */
  readonly etaEvents: number;
  /** Every business event in the outbox (status changes, ETAs, delays). */
  readonly outboxEvents: number;
  /** Alerts raised, by kind. */
  readonly alerts: Readonly<Record<string, number>>;
}

/** Creates an empty database `waybill_t_<random>` beside `adminUrl` (the server migrates it). */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const scratch = await createScratchDatabase(adminUrl);
  const name = new URL(scratch.url).pathname.slice(1);
  const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
  const count = async (table: "positions") => {
    const [row] = await sql<{ n: string }[]>`select count(*) as n from ${sql(table)}`;
    return Number(row?.n ?? 0);
  };
  return {
    url: scratch.url,
    name,
    countPositions: () => count("positions"),
    trackingRows: async () => {
      const [row] = await sql<{ arrivals: string; en_route: string; eta: string; outbox: string }[]>`
        select (select count(*) from stops where arrived_at is not null) as arrivals,
               (select count(*) from stops where status = 'en_route') as en_route,
               (select count(*) from outbox_events where type = 'shipment.eta_updated') as eta,
               (select count(*) from outbox_events) as outbox`;
      const kinds = await sql<
        { kind: string; n: string }[]
      >`select kind, count(*) as n from alerts group by kind`;
      return {
        arrivals: Number(row?.arrivals ?? 0),
        enRoute: Number(row?.en_route ?? 0),
        etaEvents: Number(row?.eta ?? 0),
        outboxEvents: Number(row?.outbox ?? 0),
        alerts: Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)])),
      };
    },
    version: async () => {
      const [row] = await sql<{ v: string }[]>`select current_setting('server_version') as v`;
      return row?.v ?? "?";
    },
    drop: async () => {
      await sql.end({ timeout: 5 });
      await scratch.drop();
    },
  };
}
