import { type DrivePlan, PlanFollower } from "./drive-plan";

/** Degrees of latitude per fix: about 3.3 m. */
const STEP_DEG = 0.00003;
/**
 * Fixes per leg of the back-and-forth drive: 100 x 3.3 m = 333 m, below the jump filter's 500 m
 * floor, so no fix is ever implausible, even when a new generator resumes a vehicle elsewhere.
 */
const LEG_FIXES = 100;

/**
 * One simulated vehicle's fixes in Waybill's native format. `fixAt` is the publish time (epoch ms),
 * so the consumer's clock minus `fixAt` is the latency from publish; it is kept strictly
 * increasing per device, or the filter would reject a second fix in the same millisecond as a
 * duplicate. Without a plan the vehicle drives back and forth in 3.3 m steps around a start
 * point; with one (`--tracking`) it drives its day on the road network, on the clock.
 */
export class SimulatedDevice {
  readonly topic: string;
  private readonly baseLat: number;
  private readonly lng: number;
  private lastFixAt = 0;
  private fixes = 0;
  private readonly plan: PlanFollower | null;

  constructor(
    readonly deviceId: string,
    index: number,
    plan?: DrivePlan,
  ) {
    this.topic = `waybill/v1/devices/${deviceId}/telemetry`;
    this.plan = plan ? new PlanFollower(plan) : null;
    this.baseLat = 43.7 + (index % 100) * 0.001;
    this.lng = 7.4 + Math.floor(index / 100) * 0.001;
  }

  /** The next fix, stamped now, a few metres from the previous one (or where its plan is now). */
  nextPayload(): string {
    const fixAt = Math.max(Date.now(), this.lastFixAt + 1);
    this.lastFixAt = fixAt;
    if (this.plan) {
      const at = this.plan.at(fixAt);
      return `{"fixAt":${fixAt},"lat":${at.lat.toFixed(6)},"lng":${at.lng.toFixed(6)},"speedKmh":${at.speedKmh}}`;
    }
    const leg = this.fixes++ % (2 * LEG_FIXES);
    const lat = this.baseLat + STEP_DEG * (leg < LEG_FIXES ? leg : 2 * LEG_FIXES - leg);
    return `{"fixAt":${fixAt},"lat":${lat.toFixed(6)},"lng":${this.lng.toFixed(6)},"speedKmh":42}`;
  }
}
