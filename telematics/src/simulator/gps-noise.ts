import type { LngLat } from "@waybill/shared";
import { METERS_PER_DEGREE } from "./local-projection";
import type { SeededRandom } from "./seeded-random";

/**
 * Moves a true position by GPS-like error: independent Gaussian offsets east and north with
 * standard deviation `noiseM` metres. `noiseM` 0 returns the position unchanged.
 *
 * @example
 * addGpsNoise([7.4246, 43.7384], 5, createSeededRandom(1)); // a few metres off, same on every run
 */
export function addGpsNoise(position: LngLat, noiseM: number, random: SeededRandom): LngLat {
  if (noiseM === 0) return position;
  const [lng, lat] = position;
  const eastM = random.gaussian() * noiseM;
  const northM = random.gaussian() * noiseM;
  const metersPerDegreeLng = METERS_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  return [lng + eastM / metersPerDegreeLng, lat + northM / METERS_PER_DEGREE];
}

/**
 * The accuracy a receiver would report for a noise level: the radius holding about 95% of fixes
 * (2.45 sigma for a 2-D Gaussian), never below 3 m, whole metres.
 */
export const accuracyForNoiseM = (noiseM: number): number => Math.max(3, Math.round(2.45 * noiseM));
