import type { LngLat, RoadClosureDto, StreetsCollection } from "@waybill/shared";
import { newId } from "../adapters/crypto/secrets";
import type {
  RoadClosureRow,
  RoadClosuresRepository,
} from "../adapters/db/repositories/road-closures.repository";
import type { GpsFix } from "../domain/matching/match-types";
import type { MatchedTrackLine } from "../domain/matching/matched-track-line";
import type { RouteResult } from "../domain/road/route-response";
import type { RoutingPort } from "../ports/routing";
import { AppError } from "./app-error";

/**
 * Routes, matrices, snapping and road closures. Closures are installation-wide (a closed road is
 * closed for every fleet); each is deleted only by the organisation that posted it. The engine
 * always holds exactly the closures active now: recomputed on every change and every 30 s.
 */
export class RoutingService {
  private appliedKey = "";
  private timer: NodeJS.Timeout | null = null;
  private readonly roadListeners: ((organisationId: string, closure: RoadClosureDto) => void)[] = [];

  constructor(
    private readonly routing: RoutingPort,
    private readonly closures: RoadClosuresRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Calls `listener` after each closure or slowdown an organisation posts. */
  onRoadChange(listener: (organisationId: string, closure: RoadClosureDto) => void): void {
    this.roadListeners.push(listener);
  }

  /** The network the engine routes on. */
  get info() {
    return this.routing.info;
  }

  /** Applies the active closures now and keeps them current. */
  async start(): Promise<void> {
    await this.syncClosures();
    this.timer = setInterval(() => void this.syncClosures().catch(() => {}), 30_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async route(
    points: LngLat[],
    options: { headingsDeg?: (number | null)[]; steps: boolean },
  ): Promise<RouteResult> {
    const result = await this.routing.route({ points, ...options });
    if (!("error" in result)) return result;
    if (result.error === "no_route") throw new AppError("not_found", `no route: ${result.reason}`);
    const field = result.pointIndex === undefined ? "points" : `points[${result.pointIndex}]`;
    throw new AppError("validation_failed", `${field}: ${result.reason}`, [{ field, reason: result.reason }]);
  }

  async matrix(sources: LngLat[], targets: LngLat[]) {
    return this.routing.matrix({ sources, targets });
  }

  async snap(point: LngLat, headingDeg?: number) {
    const snapped = await this.routing.snap({ point, ...(headingDeg === undefined ? {} : { headingDeg }) });
    if (!snapped) throw new AppError("not_found", "no routable road within 1,000 m of the point");
    return snapped;
  }

  roads(): Promise<StreetsCollection> {
    return this.routing.roads() as Promise<StreetsCollection>;
  }

  /** Map-matches a recorded track (fixes oldest first) in a routing worker. */
  matchTrack(fixes: GpsFix[]): Promise<MatchedTrackLine> {
    return this.routing.matchTrack({ fixes });
  }

  /** Creates a closure; a line that matches no road is refused. */
  async createClosure(
    organisationId: string,
    createdBy: string | null,
    input: {
      coordinates: [number, number][];
      reason: string;
      speedFactor?: number;
      startsAt?: Date;
      endsAt?: Date;
    },
  ): Promise<RoadClosureDto> {
    const now = this.now();
    const startsAt = input.startsAt ?? now;
    const id = newId("rcl");
    const active = await this.activeLines(now);
    const line = {
      id,
      coordinates: input.coordinates,
      ...(input.speedFactor === undefined ? {} : { speedFactor: input.speedFactor }),
    };
    const match = await this.routing.setClosures([...active, line]);
    this.appliedKey = "";
    const edgesClosed = match[id] ?? 0;
    if (edgesClosed === 0) {
      await this.syncClosures();
      throw new AppError("validation_failed", "the line matches no road: draw it along the closed road", [
        { field: "geometry", reason: "no road within 25 m of the line" },
      ]);
    }
    const row = await this.closures.insert({
      id,
      organisationId,
      createdBy,
      reason: input.reason,
      coordinates: input.coordinates,
      speedFactor: input.speedFactor ?? null,
      startsAt,
      endsAt: input.endsAt ?? null,
      edgesClosed,
    });
    await this.syncClosures();
    const closure = toDto(row, now);
    for (const listener of this.roadListeners) listener(organisationId, closure);
    return closure;
  }

  async listClosures(): Promise<RoadClosureDto[]> {
    const now = this.now();
    return (await this.closures.notEnded(now)).map((row) => toDto(row, now));
  }

  async deleteClosure(organisationId: string, id: string): Promise<void> {
    if (!(await this.closures.delete(organisationId, id)))
      throw new AppError("not_found", `road closure ${id} does not exist in your organisation`);
    await this.syncClosures();
  }

  /** Sends the engine the closures active now, when they differ from what it has. */
  async syncClosures(): Promise<void> {
    const lines = await this.activeLines(this.now());
    const key = lines.map((l) => l.id).join(",");
    if (key === this.appliedKey) return;
    await this.routing.setClosures(lines);
    this.appliedKey = key;
  }

  private async activeLines(now: Date) {
    const rows = await this.closures.notEnded(now);
    return rows
      .filter((row) => row.startsAt <= now)
      .map((row) => ({
        id: row.id,
        coordinates: row.coordinates as LngLat[],
        ...(row.speedFactor === null ? {} : { speedFactor: row.speedFactor }),
      }));
  }
}

function toDto(row: RoadClosureRow, now: Date): RoadClosureDto {
  return {
    id: row.id,
    reason: row.reason,
    geometry: { type: "LineString", coordinates: row.coordinates },
    kind: row.speedFactor === null ? "closed" : "slowed",
    speedFactor: row.speedFactor,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
    active: row.startsAt <= now && (row.endsAt === null || row.endsAt > now),
    edgesClosed: row.edgesClosed,
    organisationId: row.organisationId,
  };
}
