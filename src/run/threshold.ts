// The failure threshold (job.maxFailures): once more targets have failed than it allows, no new
// target starts. A target counts once, however many of its steps failed.
import type { MaxFailures } from "../job/model.js";

export class FailureThreshold {
  private readonly failed = new Set<number>();
  /** Failed targets allowed before it is passed (fractional for percentages). */
  readonly allowed: number;

  constructor(
    private readonly max: MaxFailures | null,
    private readonly targets: number,
  ) {
    // "10%" of 25 targets allows 2.5, so the third failure passes it.
    this.allowed = !max
      ? Number.POSITIVE_INFINITY
      : max.kind === "count"
        ? max.value
        : (max.value / 100) * targets;
  }

  /** Records that a target ended a step failed or error. */
  recordFailedTarget(targetIndex: number): void {
    this.failed.add(targetIndex);
  }

  get passed(): boolean {
    return this.failed.size > this.allowed;
  }

  /** For the THRESHOLD results of targets that never started. */
  describe(): string {
    const max = this.max;
    const limit = !max ? "none" : max.kind === "count" ? `${max.value}` : `${max.value}%`;
    return `not started: the failure threshold (maxFailures ${limit}) was passed: ${this.failed.size} of ${this.targets} targets failed`;
  }
}
