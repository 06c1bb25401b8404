/**
 * A command was called wrongly: an unknown flag, a bad value, a missing companion flag, an
 * unreadable input file. The message names the flag and says why; the CLI prints it with the usage
 * and exits with status 2.
 *
 * @example
 * throw new UsageError("--vehicles", 'expected an integer in [1, 10000], got "ten"');
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** The flag at fault, e.g. `--vehicles`, when one is. */
  readonly flag: string | undefined;

  /**
   * @param flag prefixes the message (`--vehicles: …`); undefined when `reason` names it already.
   * @param options.flag the flag to record when `reason` already names it.
   */
  constructor(
    flag: string | undefined,
    reason: string,
    options?: { cause?: unknown; flag?: string | undefined },
  ) {
    super(flag === undefined ? reason : `${flag}: ${reason}`, { cause: options?.cause });
    this.flag = flag ?? options?.flag;
  }
}
