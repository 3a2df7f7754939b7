// Why target entries could not become targets. The CLI reports them before anything is sent.
import type { SourcePosition } from "../job/model.js";

export type TargetResolutionCode =
  /** A name or `all` with no way to list (no lister: e.g. a dry run without a key). */
  | "TARGET_NEEDS_API"
  /** No application with that name / no process with that key. */
  | "TARGET_NOT_FOUND"
  /** A name or key that fits several. */
  | "TARGET_AMBIGUOUS"
  /** The listing itself failed (after retries); `cause` is the client's RequestFailure. */
  | "TARGET_LISTING_FAILED"
  /** A job from parseJob still holding an inventory reference (loadJob expands them). */
  | "TARGET_INVENTORY_NOT_LOADED";

/** A target entry that cannot be turned into (app, process) ids. */
export class TargetResolutionError extends Error {
  override readonly name = "TargetResolutionError";
  readonly code: TargetResolutionCode;
  readonly position: SourcePosition | null;

  constructor(
    code: TargetResolutionCode,
    message: string,
    position: SourcePosition | null,
    options?: { cause?: unknown },
  ) {
    super(
      position ? `${position.file}:${position.line}:${position.column}: ${message}` : message,
      options,
    );
    this.code = code;
    this.position = position;
  }
}
