import { isValidLat, isValidLng, type LngLat } from "@waybill/shared";
import { UsageError } from "./usage-error";

/** `text` as an integer in [min, max], or a {@link UsageError} naming `flag`. */
export function parseIntegerFlag(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(flag, `expected an integer in [${min}, ${max}], got ${JSON.stringify(text)}`);
  }
  return value;
}

/** `text` as a number in [min, max], or a {@link UsageError} naming `flag`. */
export function parseNumberFlag(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === "" || !(value >= min && value <= max)) {
    throw new UsageError(flag, `expected a number in [${min}, ${max}], got ${JSON.stringify(text)}`);
  }
  return value;
}

/** `text` as one of `choices`, or a {@link UsageError} naming `flag`. */
export function parseChoiceFlag<const T extends string>(
  flag: string,
  text: string,
  choices: readonly T[],
): T {
  const choice = choices.find((candidate) => candidate === text);
  if (choice === undefined)
    throw new UsageError(flag, `expected one of ${choices.join(", ")}, got ${JSON.stringify(text)}`);
  return choice;
}

/** `text` as an absolute URL with one of `protocols` (`"mqtt:"`), normalised without a trailing slash. */
export function parseUrlFlag(flag: string, text: string, protocols: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The URL constructor's message adds nothing the flag and value do not already say.
    throw new UsageError(flag, `expected a URL, got ${JSON.stringify(text)}`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new UsageError(
      flag,
      `expected a ${protocols.map((p) => p.replace(":", "")).join("/")} URL, got ${JSON.stringify(text)}`,
    );
  }
  return text.replace(/\/+$/, "");
}

/** `"lng,lat"` in degrees as a {@link LngLat}, or a {@link UsageError} naming `flag`. */
export function parseLngLatFlag(flag: string, text: string): LngLat {
  const parts = text.split(",").map((part) => part.trim());
  const [lng, lat] = parts.map(Number) as [number, number];
  if (parts.length !== 2 || parts.includes("") || !isValidLng(lng) || !isValidLat(lat)) {
    throw new UsageError(
      flag,
      `expected "lng,lat" in degrees (lng in [-180, 180], lat in [-90, 90]), got ${JSON.stringify(text)}`,
    );
  }
  return [lng, lat];
}
