import { readFile } from "node:fs/promises";
import { isValidLat, isValidLng, type LngLat } from "@waybill/shared";
import { parseScenario, type Scenario } from "@waybill/shared/contracts/scenario.schema";
import { z } from "zod";
import { createRouteWalker } from "./route-walker";
import { UsageError } from "./usage-error";

/** A device's MQTT credentials, as a `--credentials` file lists them. */
export interface DeviceCredentials {
  readonly deviceId: string;
  readonly secret: string;
}

const CredentialsFile = z
  .array(z.strictObject({ deviceId: z.string().min(1, "must not be empty"), secret: z.string() }))
  .min(1, "must list at least one device");

const Position = z
  .array(z.number())
  .min(2, "a position has at least lng and lat")
  .refine(
    ([lng, lat]) => isValidLng(lng ?? Number.NaN) && isValidLat(lat ?? Number.NaN),
    "lng/lat out of range",
  );
const LineString = z.object({ type: z.literal("LineString"), coordinates: z.array(Position).min(2) });

/**
 * Reads a `--credentials` file: a JSON array of `{ deviceId, secret }`.
 *
 * @throws {UsageError} naming `--credentials`, the file and the faulty entry.
 */
export async function loadCredentialsFile(path: string): Promise<DeviceCredentials[]> {
  const parsed = CredentialsFile.safeParse(await readJsonFile("--credentials", path));
  if (!parsed.success) throw new UsageError("--credentials", `${path}: ${describeZodIssue(parsed.error)}`);
  return parsed.data;
}

/**
 * Reads a `--routes` file: GeoJSON whose LineStrings (a FeatureCollection, a Feature or a bare
 * geometry) become routes; other geometries are skipped. Positions are `[lng, lat]`, any
 * altitude is dropped.
 *
 * @throws {UsageError} naming `--routes`, the file and the faulty feature.
 */
export async function loadRoutesFile(path: string): Promise<LngLat[][]> {
  const geometries = geometriesOf(await readJsonFile("--routes", path));
  if (geometries === null) {
    throw new UsageError("--routes", `${path}: expected a GeoJSON FeatureCollection, Feature or LineString`);
  }
  const routes: LngLat[][] = [];
  geometries.forEach((geometry, index) => {
    if ((geometry as { type?: unknown } | null)?.type !== "LineString") return;
    const line = LineString.safeParse(geometry);
    if (!line.success)
      throw new UsageError("--routes", `${path}: feature ${index}: ${describeZodIssue(line.error)}`);
    const route = line.data.coordinates.map(([lng, lat]): LngLat => [lng!, lat!]);
    checkDrivable(path, index, route);
    routes.push(route);
  });
  if (routes.length === 0) throw new UsageError("--routes", `${path}: contains no LineString`);
  return routes;
}

/**
 * Reads a `--scenario` file (see `@waybill/shared/contracts/scenario.schema`).
 *
 * @throws {UsageError} naming `--scenario`, the file and every faulty field.
 */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  const parsed = parseScenario(await readJsonFile("--scenario", path));
  if ("issues" in parsed)
    throw new UsageError(
      "--scenario",
      `${path}: ${parsed.issues.map((issue) => `${issue.field}: ${issue.reason}`).join("; ")}`,
    );
  return parsed.scenario;
}

/** A driver who can sign in and report for one of the scenario's vehicles (1-based). */
export interface DriverLogin {
  readonly vehicle: number;
  readonly email: string;
  readonly password: string;
}

const DriversFile = z
  .array(
    z.strictObject({
      vehicle: z.number().int().min(1, "vehicles are numbered from 1"),
      email: z.email("must be an email address"),
      password: z.string().min(1, "must not be empty"),
    }),
  )
  .min(1, "must list at least one driver");

/**
 * Reads a `--drivers` file: a JSON array of `{ vehicle, email, password }`, the drivers who
 * report a breakdown of their vehicle through the API.
 *
 * @throws {UsageError} naming `--drivers`, the file and the faulty entry.
 */
export async function loadDriversFile(path: string): Promise<DriverLogin[]> {
  const parsed = DriversFile.safeParse(await readJsonFile("--drivers", path));
  if (!parsed.success) throw new UsageError("--drivers", `${path}: ${describeZodIssue(parsed.error)}`);
  return parsed.data;
}

/** The geometries of a GeoJSON root, or null when it is not GeoJSON we can drive. */
function geometriesOf(root: unknown): unknown[] | null {
  if (typeof root !== "object" || root === null) return null;
  const { type, features, geometry } = root as { type?: unknown; features?: unknown; geometry?: unknown };
  if (type === "FeatureCollection" && Array.isArray(features)) {
    return features.map((feature: unknown) => (feature as { geometry?: unknown } | null)?.geometry);
  }
  if (type === "Feature") return [geometry];
  if (type === "LineString") return [root];
  return null;
}

function checkDrivable(path: string, index: number, route: readonly LngLat[]): void {
  try {
    createRouteWalker(route);
  } catch (error) {
    throw new UsageError("--routes", `${path}: feature ${index}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function readJsonFile(flag: string, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(flag, `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(flag, `${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

function describeZodIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "invalid";
  const path = issue.path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("");
  return `${path === "" ? "$" : path.replace(/^\./, "")}: ${issue.message}`;
}
