/**
 * A planning problem that cannot be solved as given: the message names the field at fault
 * (`jobs[3].timeWindows[0]`) and says why. The HTTP layer maps it to a 400 with that field.
 *
 * @example
 * throw new PlanningInputError("jobs[3].timeWindows[0]", "start 900 is after end 600");
 */
export class PlanningInputError extends Error {
  override readonly name = "PlanningInputError";

  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
