// Shared by the target tests: the error a promise rejects with (failing the test if it resolves).
import { TargetResolutionError } from "../../src/targets/errors.js";

export async function rejection(promise: Promise<unknown>): Promise<TargetResolutionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TargetResolutionError) return error;
    throw error;
  }
  throw new Error("expected a TargetResolutionError, but it resolved");
}
