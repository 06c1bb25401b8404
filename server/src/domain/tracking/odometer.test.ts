import { addGpsNoise } from "@waybill/telematics/simulator/gps-noise";
import { createSeededRandom } from "@waybill/telematics/simulator/seeded-random";
import { describe, expect, it } from "vitest";
import { Odometer } from "./odometer";

const M_PER_DEG_LAT = 111_195;
/** A point `north` metres north of a reference. */
const north = (m: number): [number, number] => [7.42, 43.73 + m / M_PER_DEG_LAT];

describe(Odometer.name, () => {
  it("adds up a drive, all but its last stretch, and counts that once the vehicle moves on", () => {
    const odometer = new Odometer();
    for (let m = 0; m <= 1_000; m += 40) odometer.update(north(m)[1], north(m)[0]);
    expect(odometer.drivenM).toBeGreaterThan(1_000 - 2 * 50);
    expect(odometer.drivenM).toBeLessThanOrEqual(1_000.5);
    for (let m = 1_040; m <= 1_200; m += 40) odometer.update(north(m)[1], north(m)[0]);
    expect(odometer.drivenM).toBeGreaterThan(1_100);
  });

  it("adds next to nothing for an hour parked with 12 m of GPS noise", () => {
    const odometer = new Odometer();
    const random = createSeededRandom(3);
    for (let i = 0; i < 720; i++) {
      const [lng, lat] = addGpsNoise(north(0), 12, random);
      odometer.update(lat, lng);
    }
    expect(odometer.drivenM).toBeLessThan(60);
  });

  it("counts a slow crawl (3 m between fixes) in full", () => {
    const odometer = new Odometer();
    for (let m = 0; m <= 600; m += 3) odometer.update(north(m)[1], north(m)[0]);
    expect(odometer.drivenM).toBeGreaterThan(600 - 2 * 50);
    expect(odometer.drivenM).toBeLessThanOrEqual(600.5);
  });
});
