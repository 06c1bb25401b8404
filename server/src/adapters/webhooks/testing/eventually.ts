/**
 * Polls `check` every 10 ms until it returns something other than undefined; fails after
 * `timeoutMs` naming what it waited for.
 *
 * @example
 * await eventually(() => (receiver.accepted.length === 3 ? true : undefined), "three deliveries");
 */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
