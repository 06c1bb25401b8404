import type { PositionFix } from "../outbox/outbox-action";
import { FixBatcher } from "./fix-batcher";

/** A batch every 10 s, or sooner when 20 fixes are waiting. */
const BATCH = { maxFixes: 20, maxWaitMs: 10_000 } as const;
const MS_PER_S_TO_KMH = 3.6;

/** Options of {@link PositionSharing}. */
export interface PositionSharingOptions {
  /** Receives each batch of fixes to send (through the outbox). */
  readonly onBatch: (fixes: PositionFix[]) => void;
  /** Receives every fix at once, for the map and the directions. */
  readonly onFix: (fix: PositionFix) => void;
  /** Called when the phone refuses or cannot give its position. */
  readonly onError: (message: string) => void;
}

/**
 * Shares the phone's position while the driver is on shift: `watchPosition` fixes are batched
 * by {@link FixBatcher} and handed over every ~10 s.
 */
export class PositionSharing {
  private watchId: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly batcher = new FixBatcher(BATCH);

  constructor(private readonly options: PositionSharingOptions) {}

  /** Starts watching the position; a no-op when already watching. */
  start(): void {
    if (this.watchId !== null) return;
    if (!("geolocation" in navigator)) {
      this.options.onError("This phone cannot share its position.");
      return;
    }
    this.watchId = navigator.geolocation.watchPosition(
      (position) => this.collect(toFix(position)),
      (error) => this.options.onError(describeGeolocationError(error)),
      { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
    );
    this.timer = setInterval(() => this.flushIfDue(), 1_000);
  }

  /** Stops watching and hands over what was collected. */
  stop(): void {
    if (this.watchId !== null) navigator.geolocation.clearWatch(this.watchId);
    if (this.timer !== null) clearInterval(this.timer);
    this.watchId = null;
    this.timer = null;
    const rest = this.batcher.take();
    if (rest.length > 0) this.options.onBatch(rest);
  }

  private collect(fix: PositionFix): void {
    this.options.onFix(fix);
    this.batcher.add(fix, Date.now());
    this.flushIfDue();
  }

  private flushIfDue(): void {
    if (this.batcher.isDue(Date.now())) this.options.onBatch(this.batcher.take());
  }
}

function toFix(position: GeolocationPosition): PositionFix {
  const { latitude, longitude, accuracy, speed, heading } = position.coords;
  return {
    fixAt: Math.round(position.timestamp),
    lat: latitude,
    lng: longitude,
    accuracyM: accuracy,
    ...(speed === null || Number.isNaN(speed) ? {} : { speedKmh: speed * MS_PER_S_TO_KMH }),
    ...(heading === null || Number.isNaN(heading) ? {} : { headingDeg: heading }),
  };
}

function describeGeolocationError(error: GeolocationPositionError): string {
  if (error.code === error.PERMISSION_DENIED)
    return "Location is blocked. Allow it in the browser settings so dispatch can see the van.";
  return "Waiting for a GPS position…";
}
