/** An animation-frame loop that sleeps when there is nothing to animate. */
export interface FrameLoop {
  /** Makes sure a frame is coming. Cheap to call from every socket message. */
  wake(): void;
  stop(): void;
}

/**
 * Runs `tick` once per animation frame while it returns true; after a false it sleeps until
 * {@link FrameLoop.wake}. At most one tick per frame, however often wake is called.
 *
 * @example
 * const loop = createFrameLoop((frameMs) => advanceGlides(table, frameMs) > 0);
 * socket.on("vehicle:positions", () => loop.wake());
 */
export function createFrameLoop(tick: (frameMs: number) => boolean): FrameLoop {
  let handle: number | null = null;
  let stopped = false;
  const run = (frameMs: number): void => {
    handle = null;
    if (!stopped && tick(frameMs)) handle = requestAnimationFrame(run);
  };
  return {
    wake() {
      if (handle === null && !stopped) handle = requestAnimationFrame(run);
    },
    stop() {
      stopped = true;
      if (handle !== null) cancelAnimationFrame(handle);
      handle = null;
    },
  };
}
